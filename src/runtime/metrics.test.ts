import { describe, expect, it } from 'vitest';
import { rSquared, targetVariance } from './metrics';
import type { Dataset } from './datasets';

const data = (targets?: number[]): Dataset => ({
  name: 't',
  features: 1,
  classes: targets ? 0 : 2,
  x: new Float32Array(targets?.length ?? 2),
  y: new Int32Array(targets?.length ?? 2),
  featureNames: ['x1'],
  ...(targets ? { targets: Float32Array.from(targets) } : {}),
});

describe('regression metrics', () => {
  it('the targets’ population variance, none for classification data or no samples', () => {
    expect(targetVariance(data([1, 2, 3, 4]))).toBeCloseTo(1.25, 12);
    expect(targetVariance(data())).toBeNull();
    expect(targetVariance(data([]))).toBeNull();
  });

  it('R² = 1 − MSE / Var: 1 for a perfect fit, 0 for the mean, negative when worse, undefined for constant targets', () => {
    // Predictions [1.5, 2, 3, 3.5] for targets [1, 2, 3, 4]: SS_res = 0.5, SS_tot = 5 → R² = 0.9 (as computed in PyTorch from the definition).
    expect(rSquared(0.5 / 4, 1.25)).toBeCloseTo(0.9, 12);
    expect(rSquared(0, 1.25)).toBe(1);
    expect(rSquared(1.25, 1.25)).toBe(0);
    expect(rSquared(2.5, 1.25)).toBe(-1);
    expect(rSquared(0.1, 0)).toBeNull();
    expect(rSquared(0.1, null)).toBeNull();
  });
});

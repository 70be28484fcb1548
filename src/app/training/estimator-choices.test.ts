import { describe, expect, it } from 'vitest';
import { EstimatorSchema, ESTIMATOR_KINDS } from '../../model';
import { ESTIMATORS, stepCostText } from './estimator-choices';

const s = (kind: (typeof ESTIMATOR_KINDS)[number], more = {}) => EstimatorSchema.parse({ kind, ...more });

describe('estimator choices', () => {
  it('offer every estimator the document can store, once', () => {
    expect(ESTIMATORS.map((e) => e.kind).sort()).toEqual([...ESTIMATOR_KINDS].sort());
  });

  it('state one step’s cost for this model’s parameter count', () => {
    expect(stepCostText(s('finite-differences'), 1251)).toBe('2P + 1 = 2,503 forward passes per step (P = 1,251).');
    expect(stepCostText(s('forward-mode'), 1251)).toBe('1 forward + P = 1,251 JVPs = 1,252 forward-pass equivalents per step.');
    expect(stepCostText(s('forward-gradient', { tangents: 4 }), 1251)).toBe('1 forward + 4 JVPs = 5 forward-pass equivalents per step.');
    expect(stepCostText(s('spsa', { samples: 3 }), 1251)).toBe('2 × 3 = 6 forward passes per step.');
    expect(stepCostText(s('backprop'), 1251)).toMatch(/^1 forward \+ 1 backward pass ≈ 3 forward passes/);
  });
});

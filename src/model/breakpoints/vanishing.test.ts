import { describe, expect, it } from 'vitest';
import { linearWithGradNorm, stepOf } from './testing';
import { VANISHING } from './vanishing';

const at = (g: number, epsilon = 1e-6) => VANISHING.arm({ epsilon }, 0).step!(stepOf(40, 2.3, [linearWithGradNorm('fc1', g)]));

describe('vanishing gradient', () => {
  it('fires when the parameter gradient norm is below ε', () => {
    expect(at(3.2e-9)).toEqual({ nodeId: 'fc1', message: 'fc1 (Linear(4 → 4)): gradient norm 3.20e-9 below 1.00e-6 at step 40.' });
    expect(at(0)).not.toBeNull();
  });

  it('does not fire at exactly ε, above it, or on a norm that is not a number (the non-finite condition reports that)', () => {
    expect(at(0.25, 0.25)).toBeNull();
    expect(at(0.5, 0.25)).toBeNull();
    expect(at(NaN)).toBeNull();
  });

  it('watches layers with parameters only', () => {
    expect(VANISHING.appliesTo!('Linear', true)).toBe(true);
    expect(VANISHING.appliesTo!('Sigmoid', false)).toBe(false);
  });
});

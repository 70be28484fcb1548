import { describe, expect, it } from 'vitest';
import { DIVERGENCE_FACTOR, DivergenceDetector, describeDivergence, formatMagnitude, grewMost, type GradientNorms } from './divergence-detector';

const norms = (o: Record<string, number>): GradientNorms => new Map(Object.entries(o));

/** Feeds losses from step 1; returns the first verdict and its step. */
function run(losses: number[], grads?: (step: number) => GradientNorms) {
  const d = new DivergenceDetector();
  for (let i = 0; i < losses.length; i++) {
    const v = d.observe(i + 1, losses[i], grads ? () => grads(i + 1) : undefined);
    if (v) return v;
  }
  return null;
}

describe('DivergenceDetector', () => {
  it('fires on a loss that is not a number, at once', () => {
    expect(run([NaN])).toMatchObject({ step: 1, kind: 'non-finite' });
    expect(run([1.1, 0.9, Infinity])).toMatchObject({ step: 3, kind: 'non-finite', lowest: 0.9, lowestStep: 2 });
  });

  it('fires when the loss climbs past 1,000 times its lowest, as Adam at lr 1e6 does', () => {
    const v = run([1.1, 0.8, 0.95, 30, 4e4, 3.5e19]);
    expect(v).toMatchObject({ step: 5, kind: 'grew', loss: 4e4, lowest: 0.8, lowestStep: 2, factor: DIVERGENCE_FACTOR });
  });

  it('does not fire on noise, on a slow rise, nor on a run that fits its data almost perfectly', () => {
    // Mini-batch noise around a falling loss.
    const noisy = Array.from({ length: 2000 }, (_, i) => 1.1 * Math.exp(-i / 300) * (1 + 0.8 * Math.sin(i * 1.7)) + 1e-4);
    expect(run(noisy)).toBeNull();
    // Over-fitting: the loss creeps up tenfold.
    expect(run([1, 0.5, 0.2, 0.4, 0.9, 2])).toBeNull();
    // Near-perfect fit, then a batch far above the lowest but still below where the run started.
    expect(run([0.7, 0.1, 1e-3, 1e-6, 1e-7, 0.05, 2e-7, 0.5])).toBeNull();
  });

  it('measures against the lowest, not the first, once the run has come down far', () => {
    // Started at 100, came down to 0.5: 1,000 × max(0.5, 1) = 1,000.
    expect(run([100, 10, 0.5, 900])).toBeNull();
    expect(run([100, 10, 0.5, 1001])).toMatchObject({ step: 4, kind: 'grew' });
  });

  it('names the layer whose gradient grew most since the lowest step', () => {
    const grads = (step: number) => (step < 4 ? norms({ fc1: 1, fc2: 2, fc3: 0.5 }) : norms({ fc1: 30, fc2: 4000, fc3: 1e3 }));
    const v = run([1.1, 1.0, 0.9, 5e3], grads)!;
    expect(v.grewMost).toEqual({ id: 'fc2', from: 2, to: 4000, ratio: 2000 });
  });

  it('takes a gradient that went non-finite as the one that grew most', () => {
    expect(grewMost(norms({ a: 1, b: 1 }), norms({ a: 1e9, b: Infinity }))).toMatchObject({ id: 'b', ratio: Infinity });
    expect(grewMost(norms({ a: 1 }), norms({ a: 0.5 }))).toBeNull();
  });

  it('says the step, the loss, its lowest and the layer in words', () => {
    const grads = (step: number) => (step < 3 ? norms({ fc2: 0.25 }) : norms({ fc2: 9.1e6 }));
    const v = run([1.1, 0.8, 3.5e19], grads)!;
    const text = describeDivergence(v, (id) => `Linear(32 → 32) ('${id}')`);
    expect(text).toBe(
      "Training diverged at step 3: the loss reached 3.50e19, over 1,000 times its lowest (0.8 at step 2). The gradient of Linear(32 → 32) ('fc2') grew most since step 2: its norm went from 0.25 to 9.10e6 (3.64e7 times). Lower the learning rate and Resume, or press Reset weights.",
    );
    expect(describeDivergence(run([1, NaN])!, String, 'The first non-finite values appeared in the output of X.')).toBe(
      'Training diverged at step 2: the loss became NaN. The first non-finite values appeared in the output of X. Lower the learning rate and Resume, or press Reset weights.',
    );
  });

  it('starts afresh after reset', () => {
    const d = new DivergenceDetector();
    d.observe(1, 1e-3);
    expect(d.threshold).toBeCloseTo(1, 6);
    d.reset();
    expect(d.threshold).toBe(Infinity);
    expect(d.observe(1, 50)).toBeNull();
  });

  it('prints magnitudes briefly', () => {
    expect(formatMagnitude(3.5e19)).toBe('3.50e19');
    expect(formatMagnitude(0.123456)).toBe('0.1235');
    expect(formatMagnitude(2e-5)).toBe('2.00e-5');
  });
});

import { describe, expect, it } from 'vitest';
import type { CompareTrack } from '../../runtime';
import { answerOf } from './answer';

function track(kind: CompareTrack['kind'], label: string, perStep: number, more: Partial<CompareTrack> = {}): CompareTrack {
  return {
    kind,
    label,
    perStep: { forwardPasses: 1, jvpPasses: 0, backwardPasses: 0, forwardEquivalents: perStep, ms: perStep / 10 },
    steps: 100,
    cost: 100 * perStep,
    ms: 10 * perStep,
    reached: null,
    finalLoss: 0.7,
    meanCosine: kind === 'backprop' ? null : 0.05,
    end: 'steps',
    ...more,
  };
}

describe('answerOf', () => {
  it('says no when an estimator without backprop reached the target, with the measured costs and ratios', () => {
    const a = answerOf(
      [
        track('backprop', 'Backprop', 3, { reached: { step: 40, cost: 120, ms: 4 } }),
        track('forward-gradient', 'Forward gradient', 2, { reached: { step: 300, cost: 600, ms: 30 } }),
        track('finite-differences', 'Finite differences', 2503),
      ],
      1251,
      0.5,
    );
    expect(a.headline).toBe('No. Forward gradient reached the target loss 0.5 without backpropagation.');
    expect(a.facts[0]).toBe('One step for this model’s 1,251 parameters costs, in forward-pass equivalents (counted): Backprop 3; Forward gradient 2; Finite differences 2,503.');
    expect(a.facts[1]).toBe('Backpropagation reached the target in 40 steps (120 forward-pass equivalents, 4.0 ms); Forward gradient 5× the passes and 7.50× the time.');
    expect(a.facts[2]).toMatch(/^Forward gradient \(mean cosine 0\.05\) and Finite differences \(mean cosine 0\.05\) pointed only partly/);
    expect(a.rows.map((r) => r.timesBackprop)).toEqual([1, 2 / 3, 2503 / 3]);
  });

  it('says what happened when only backprop, or nothing, reached the target', () => {
    const only = answerOf([track('backprop', 'Backprop', 3, { reached: { step: 40, cost: 120, ms: 4 } }), track('spsa', 'SPSA', 2)], 10, 0.3);
    expect(only.headline).toBe('Not in principle, but in practice here: only backpropagation reached the target loss 0.3 within the budget.');
    const none = answerOf([track('backprop', 'Backprop', 3), track('spsa', 'SPSA', 2)], 10, 0.3);
    expect(none.headline).toMatch(/^No estimator reached the target loss 0\.3 within the budget/);
    const alone = answerOf([track('backprop', 'Backprop', 3)], 10, 0.3);
    expect(alone.headline).toMatch(/^Compare backpropagation with an estimator/);
  });
});

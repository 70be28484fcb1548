import { describe, expect, it } from 'vitest';
import { EstimatorSchema } from '../../model';
import type { CompareOptions, ComparePoint } from '../../runtime';
import { CompareSeries, COSINE_WINDOW } from './compare-series';

const options: CompareOptions = {
  estimators: [EstimatorSchema.parse({ kind: 'backprop' }), EstimatorSchema.parse({ kind: 'forward-gradient' }), EstimatorSchema.parse({ kind: 'spsa' })],
  steps: 100,
  timeBudgetMs: 1000,
  targetLoss: 0,
};

const point = (step: number, cosine: number | null): ComparePoint => ({ step, cost: 2 * step, ms: step, loss: 1, smoothLoss: 1, cosine });

describe('CompareSeries', () => {
  it('draws each step’s cosine faint, behind its rolling mean, and leaves backprop out', () => {
    const s = new CompareSeries(options);
    expect(s.cosine.step.map((b) => [b.label, !!b.options.faint])).toEqual([
      ['Forward gradient, this step', true],
      ['SPSA, this step', true],
      ['Forward gradient', false],
      ['SPSA', false],
    ]);
    // Alternating ±1 with a small positive bias: the mean settles at the bias, the raw values do not.
    const cos = (k: number) => (k % 2 ? 1 : -1) * 0.9 + 0.1;
    const fg = Array.from({ length: 50 }, (_, k) => point(k + 1, cos(k)));
    // Fed in two pieces, as progress messages arrive.
    s.sync([[point(1, null)], fg.slice(0, 7), []]);
    s.sync([[point(1, null)], fg, []]);
    const [raw, , mean] = s.cosine.step;
    expect(raw.length).toBe(50);
    expect(mean.length).toBe(50);
    expect(raw.value(49)).toBeCloseTo(cos(49), 12);
    const last = Array.from({ length: COSINE_WINDOW }, (_, k) => cos(50 - COSINE_WINDOW + k));
    expect(mean.value(49)).toBeCloseTo(last.reduce((a, b) => a + b, 0) / COSINE_WINDOW, 12);
    expect(mean.value(0)).toBeCloseTo(cos(0), 12);
    expect(mean.value(2)).toBeCloseTo((cos(0) + cos(1) + cos(2)) / 3, 12);
    // The same means against cost and time.
    expect(s.cosine.cost[2].step(49)).toBe(100);
    expect(s.cosine.cost[2].value(49)).toBeCloseTo(mean.value(49), 12);
  });
});

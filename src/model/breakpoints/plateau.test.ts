import { describe, expect, it } from 'vitest';
import { PLATEAU } from './plateau';

function feed(n: number, accuracies: (number | null)[]) {
  const check = PLATEAU.arm({ evaluations: n }, null);
  return accuracies.map((accuracy, i) => check.evaluation!({ step: 10 * (i + 1), accuracy }));
}

describe('accuracy plateau', () => {
  it('fires on the n-th evaluation in a row that does not beat the best', () => {
    const hits = feed(3, [0.5, 0.6, 0.6, 0.55, 0.6]);
    expect(hits.slice(0, 4)).toEqual([null, null, null, null]);
    expect(hits[4]).toEqual({ message: 'Accuracy has not improved for 3 evaluations: 60% at step 50, its best 60% at step 20 (threshold 3 evaluations).' });
  });

  it('counts afresh after an improvement, and an equal accuracy is no improvement', () => {
    const hits = feed(2, [0.5, 0.5, 0.7, 0.7, 0.71, 0.71, 0.71]);
    expect(hits.map((h) => h !== null)).toEqual([false, false, false, false, false, false, true]);
  });

  it('n = 1 fires on the first evaluation that does not improve', () => {
    expect(feed(1, [0.3, 0.2]).map((h) => h !== null)).toEqual([false, true]);
  });

  it('ignores evaluations without an accuracy (regression)', () => {
    expect(feed(1, [null, null, null]).every((h) => h === null)).toBe(true);
  });
});

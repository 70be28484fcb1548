import { createRng, type Rng } from '../../engine';
import { subset } from './dataset';
import type { Dataset, DatasetSplit } from './types';

function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * How many of a class's `count` samples go to the test set: round(count · fraction), but
 * at least 1 when the fraction is positive and the class has 2 or more samples (so every
 * class is tested), and never all of them (so every class is trained on).
 */
export function testCount(count: number, fraction: number): number {
  if (count <= 1 || fraction <= 0) return 0;
  return Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
}

/**
 * A stratified, seeded train/test split: each class's samples are shuffled and
 * `testCount(classSize, testFraction)` of them held out; then the train and test sets
 * are each shuffled, so mini-batches mix the classes. testFraction 0 gives an empty test set.
 * Regression data (no classes) is split as one group.
 */
export function splitDataset(data: Dataset, testFraction: number, seed: number): DatasetSplit {
  if (!(testFraction >= 0 && testFraction < 1)) throw new RangeError(`splitDataset: testFraction must be in [0, 1), got ${testFraction}`);
  const rng = createRng(seed);
  // Regression data has no classes: its samples are one group.
  const byClass: number[][] = Array.from({ length: Math.max(1, data.classes) }, () => []);
  for (let i = 0; i < data.y.length; i++) byClass[data.y[i]].push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of byClass) {
    shuffle(members, rng);
    const t = testCount(members.length, testFraction);
    for (let r = 0; r < members.length; r++) (r < t ? test : train).push(members[r]);
  }
  shuffle(train, rng);
  shuffle(test, rng);
  return {
    train: subset(data, train),
    test: subset(data, test),
    trainIndex: Int32Array.from(train),
    testIndex: Int32Array.from(test),
  };
}

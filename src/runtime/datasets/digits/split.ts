import { splitDataset } from '../split';
import type { Dataset, DatasetSplit } from '../types';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE, type DigitsData } from './format';

/**
 * The split every digits run uses, whatever the document's seed: 20% of each class held out
 * (stratified), drawn with this seed. On the package's 10,000 digits that is 8,000 training
 * and 2,000 test digits; the same digits are test digits in every run, every export and
 * every benchmark.
 */
export const DIGITS_SPLIT_SEED = 20_180_501;
export const DIGITS_TEST_FRACTION = 0.2;

/** The digits as a dataset: 784 features in [0, 1] (pixel / 255), named by row and column. */
export function digitsDataset(data: DigitsData): Dataset {
  const x = new Float32Array(data.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = data.pixels[i] / 255;
  return {
    name: 'digits',
    features: DIGIT_PIXELS,
    classes: DIGIT_CLASSES,
    x,
    y: Int32Array.from(data.labels),
    featureNames: Array.from({ length: DIGIT_PIXELS }, (_, p) => `r${Math.floor(p / DIGIT_SIDE)}c${p % DIGIT_SIDE}`),
    classNames: Array.from({ length: DIGIT_CLASSES }, (_, k) => String(k)),
  };
}

function head(d: Dataset, n: number): Dataset {
  return { ...d, x: d.x.slice(0, n * d.features), y: d.y.slice(0, n) };
}

/**
 * The fixed split, or a subset of it for quicker runs: with `samples` below the total, the
 * first 80% of `samples` training digits and 20% test digits (both sets are in seeded random
 * order, so a prefix is a random subset with roughly the classes' proportions; test digits
 * of a subset are always test digits of the full split).
 */
export function splitDigits(data: Dataset, samples: number): DatasetSplit {
  const full = splitDataset(data, DIGITS_TEST_FRACTION, DIGITS_SPLIT_SEED);
  const n = data.y.length;
  if (samples >= n) return full;
  const nTest = Math.max(1, Math.round(samples * DIGITS_TEST_FRACTION));
  const nTrain = Math.max(1, samples - nTest);
  return {
    train: head(full.train, nTrain),
    test: head(full.test, nTest),
    trainIndex: full.trainIndex.slice(0, nTrain),
    testIndex: full.testIndex.slice(0, nTest),
  };
}

import { describe, expect, it } from 'vitest';
import { spiral } from './spiral';
import { splitDataset, testCount } from './split';
import type { Dataset } from './types';

function counts(d: Dataset): number[] {
  const c = new Array<number>(d.classes).fill(0);
  for (const v of d.y) c[v]++;
  return c;
}

describe('testCount', () => {
  it('rounds, but tests every class of 2 or more and trains on every class', () => {
    expect(testCount(100, 0.2)).toBe(20);
    expect(testCount(101, 0.25)).toBe(25);
    expect(testCount(3, 0.1)).toBe(1);
    expect(testCount(2, 0.9)).toBe(1);
    expect(testCount(1, 0.5)).toBe(0);
    expect(testCount(0, 0.5)).toBe(0);
    expect(testCount(100, 0)).toBe(0);
  });
});

describe('splitDataset', () => {
  const data = spiral({ samples: 300, noise: 0.1, classes: 3 }, 1);

  it('holds out the fraction per class', () => {
    const s = splitDataset(data, 0.2, 5);
    expect(s.test.y.length).toBe(60);
    expect(s.train.y.length).toBe(240);
    expect(counts(s.test)).toEqual([20, 20, 20]);
    expect(counts(s.train)).toEqual([80, 80, 80]);
    expect(s.train.classes).toBe(3);
    expect(s.test.featureNames).toEqual(['x1', 'x2']);
  });

  it('tests every class even when one class is small', () => {
    const small: Dataset = { ...data, x: data.x.slice(0, 2 * 105), y: data.y.slice(0, 105) };
    // 100 of class 0 and 5 of class 1; class 2 has none.
    const s = splitDataset(small, 0.1, 5);
    expect(counts(s.test)).toEqual([10, 1, 0]);
    expect(counts(s.train)).toEqual([90, 4, 0]);
  });

  it('partitions the samples and copies their rows', () => {
    const s = splitDataset(data, 0.3, 5);
    const all = [...s.trainIndex, ...s.testIndex].sort((a, b) => a - b);
    expect(all).toEqual([...data.y.keys()]);
    for (const [part, index] of [
      [s.train, s.trainIndex],
      [s.test, s.testIndex],
    ] as const) {
      index.forEach((i, r) => {
        expect(part.y[r]).toBe(data.y[i]);
        expect(part.x[2 * r]).toBe(data.x[2 * i]);
        expect(part.x[2 * r + 1]).toBe(data.x[2 * i + 1]);
      });
    }
  });

  it('mixes the classes in the training order', () => {
    const s = splitDataset(data, 0.2, 5);
    const firstBatch = new Set(s.train.y.slice(0, 16));
    expect(firstBatch.size).toBe(3);
  });

  it('gives an empty test set for fraction 0', () => {
    const s = splitDataset(data, 0, 5);
    expect(s.test.y.length).toBe(0);
    expect(s.test.x.length).toBe(0);
    expect(s.train.y.length).toBe(300);
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = splitDataset(data, 0.2, 5);
    expect(splitDataset(data, 0.2, 5).testIndex).toEqual(a.testIndex);
    expect(splitDataset(data, 0.2, 6).testIndex).not.toEqual(a.testIndex);
  });

  it('refuses a fraction outside [0, 1)', () => {
    expect(() => splitDataset(data, 1, 5)).toThrow(RangeError);
    expect(() => splitDataset(data, -0.1, 5)).toThrow(RangeError);
    expect(() => splitDataset(data, Number.NaN, 5)).toThrow(RangeError);
  });
});

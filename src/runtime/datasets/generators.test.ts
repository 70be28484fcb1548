import { describe, expect, it } from 'vitest';
import { blobs } from './blobs';
import { circles } from './circles';
import { classCounts, type GeneratorOptions } from './dataset';
import { moons } from './moons';
import { spiral } from './spiral';
import type { Dataset } from './types';
import { xor } from './xor';

type Generator = (o: GeneratorOptions, seed: number) => Dataset;

/** Each generator, its class count for `classes: 3`, and a box every point lies in at noise 0. */
const CASES: [string, Generator, number, [number, number, number, number]][] = [
  ['spiral', spiral, 3, [-1, 1, -1, 1]],
  ['circles', circles, 2, [-1, 1, -1, 1]],
  ['xor', xor, 2, [-1, 1, -1, 1]],
  ['blobs', blobs, 3, [-0.7, 0.7, -0.7, 0.7]],
  ['moons', moons, 2, [-1, 1, -0.5, 0.5]],
];

function counts(d: Dataset): number[] {
  const c = new Array<number>(d.classes).fill(0);
  for (const v of d.y) c[v]++;
  return c;
}

describe.each(CASES)('%s', (name, gen, classes, [x0, x1, y0, y1]) => {
  it('has the requested size, 2 named features and labels in range', () => {
    const d = gen({ samples: 301, noise: 0.1, classes: 3 }, 7);
    expect(d.name).toBe(name);
    expect(d.features).toBe(2);
    expect(d.classes).toBe(classes);
    expect(d.x.length).toBe(602);
    expect(d.y.length).toBe(301);
    expect(d.featureNames).toEqual(['x1', 'x2']);
    for (const v of d.y) expect(v >= 0 && v < classes).toBe(true);
    for (const v of d.x) expect(Number.isFinite(v)).toBe(true);
  });

  it('splits the samples evenly over the classes, the remainder to the first', () => {
    const d = gen({ samples: 301, noise: 0.1, classes: 3 }, 7);
    expect(counts(d)).toEqual(classes === 3 ? [101, 100, 100] : [151, 150]);
    expect(counts(gen({ samples: 1, noise: 0.1, classes: 3 }, 7)).reduce((a, b) => a + b)).toBe(1);
  });

  it('stays inside its documented range without noise', () => {
    const d = gen({ samples: 2000, noise: 0, classes: 3 }, 3);
    const eps = 1e-6;
    for (let i = 0; i < d.y.length; i++) {
      expect(d.x[2 * i]).toBeGreaterThanOrEqual(x0 - eps);
      expect(d.x[2 * i]).toBeLessThanOrEqual(x1 + eps);
      expect(d.x[2 * i + 1]).toBeGreaterThanOrEqual(y0 - eps);
      expect(d.x[2 * i + 1]).toBeLessThanOrEqual(y1 + eps);
    }
  });

  it('is reproducible from its seed and changes with it', () => {
    const o = { samples: 200, noise: 0.2, classes: 3 };
    const a = gen(o, 11);
    const b = gen(o, 11);
    const c = gen(o, 12);
    expect(b.x).toEqual(a.x);
    expect(b.y).toEqual(a.y);
    expect(c.x).not.toEqual(a.x);
  });

  it('refuses invalid arguments (a caller bug, not user data)', () => {
    expect(() => gen({ samples: -1, noise: 0.1, classes: 3 }, 1)).toThrow(RangeError);
    expect(() => gen({ samples: 10, noise: Number.NaN, classes: 3 }, 1)).toThrow(/noise/);
  });
});

describe('classCounts', () => {
  it('gives the remainder to the first classes', () => {
    expect(classCounts(10, 3)).toEqual([4, 3, 3]);
    expect(classCounts(11, 3)).toEqual([4, 4, 3]);
    expect(classCounts(2, 3)).toEqual([1, 1, 0]);
    expect(classCounts(300, 2)).toEqual([150, 150]);
  });
});

import { describe, expect, it } from 'vitest';
import { randomBatch } from './random-batch';

describe('randomBatch', () => {
  const d = randomBatch(20000, 5, 7, 42);

  it('has the shape of torch.randn(N, F) and torch.randint(0, K, (N,))', () => {
    expect(d.x.length).toBe(100000);
    expect(d.y.length).toBe(20000);
    expect(d.features).toBe(5);
    expect(d.classes).toBe(7);
    expect(d.featureNames).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
  });

  it('draws x from a standard normal', () => {
    const n = d.x.length;
    const mean = d.x.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(d.x.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    // Standard errors: 1/√n ≈ 0.0032 for the mean, ≈ 0.0022 for the std.
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(std - 1)).toBeLessThan(0.011);
    // P(|z| < 1) = erf(1/√2) = 0.682689…, P(|z| < 2) = 0.954499…
    const within = (t: number): number => d.x.filter((v) => Math.abs(v) < t).length / n;
    expect(Math.abs(within(1) - 0.682689)).toBeLessThan(0.008);
    expect(Math.abs(within(2) - 0.954499)).toBeLessThan(0.004);
    for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let i = 0; i < 20000; i++) s += d.x[i * 5 + j];
      expect(Math.abs(s / 20000)).toBeLessThan(0.035);
    }
  });

  it('draws labels uniformly from [0, K)', () => {
    const counts = new Array<number>(7).fill(0);
    for (const v of d.y) {
      expect(Number.isInteger(v) && v >= 0 && v < 7).toBe(true);
      counts[v]++;
    }
    // Pearson's χ² with 6 degrees of freedom: the 0.999 quantile is 22.46.
    const e = 20000 / 7;
    const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(22.46);
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = randomBatch(50, 3, 4, 1);
    expect(randomBatch(50, 3, 4, 1)).toEqual(a);
    expect(randomBatch(50, 3, 4, 2).x).not.toEqual(a.x);
  });

  it('refuses invalid sizes', () => {
    expect(() => randomBatch(10, 0, 3, 1)).toThrow(/features/);
    expect(() => randomBatch(10, 2, 0, 1)).toThrow(/classes/);
    expect(() => randomBatch(1.5, 2, 3, 1)).toThrow(/samples/);
  });
});

import { describe, expect, it } from 'vitest';
import { classColors } from './categorical';
import { divergingScale, jointMaxAbs, LUT_SIZE, NON_FINITE_RGB, scaleRgb, sequentialScale, sharedDivergingScale } from './scales';

// ColorBrewer RdBu ends and middle, and viridis' ends and middle (matplotlib's table).
const RDBU_RED = [103, 0, 31];
const RDBU_BLUE = [5, 48, 97];
const RDBU_MID = [247, 247, 247];
const VIRIDIS_0 = [68, 1, 84];
const VIRIDIS_HALF = [33, 145, 140];
const VIRIDIS_1 = [253, 231, 37];

describe('divergingScale', () => {
  const s = divergingScale(2);

  it('is blue for negative, near-white at 0, red for positive, symmetric over ±max', () => {
    expect(s.domain).toEqual([-2, 2]);
    expect(scaleRgb(s, -2)).toEqual(RDBU_BLUE);
    expect(scaleRgb(s, 2)).toEqual(RDBU_RED);
    expect(scaleRgb(s, 0)).toEqual(RDBU_MID);
    expect(scaleRgb(s, -5)).toEqual(RDBU_BLUE);
    expect(s.t(1)).toBe(0.75);
    expect(s.t(-1)).toBe(0.25);
  });

  it('draws non-finite values apart from both ramps', () => {
    expect(scaleRgb(s, NaN)).toEqual(NON_FINITE_RGB);
    expect(scaleRgb(s, Infinity)).toEqual(NON_FINITE_RGB);
  });

  it('spreads small values with an exponent below 1, keeping the ends', () => {
    const q = divergingScale(4, { exponent: 0.5 });
    expect(q.t(1)).toBe(0.75);
    expect(q.t(-1)).toBe(0.25);
    expect(q.t(4)).toBe(1);
    // Ticks at the end and where the colour is halfway: (v/4)^0.5 = 1/2 at v = 1.
    expect(q.ticks()).toEqual([-4, -1, 0, 1, 4]);
    expect(divergingScale(0.0208, { exponent: 0.5 }).ticks()).toEqual([-0.02, -0.005, 0, 0.005, 0.02]);
    expect(() => divergingScale(1, { exponent: 0 })).toThrow(/exponent must be positive/);
  });

  it('maps everything to the middle when all values are 0', () => {
    const z = divergingScale(0);
    expect(z.t(0)).toBe(0.5);
    expect(z.ticks()).toEqual([0]);
  });

  it('shares one domain between tensors: the joint max |value|, ignoring non-finite ends', () => {
    const ranges = [
      { min: -0.02, max: 0.01 },
      null,
      { min: -0.5, max: 0.113 },
      { min: -Infinity, max: 0.2 },
    ];
    expect(jointMaxAbs(ranges)).toBe(0.5);
    expect(sharedDivergingScale(ranges).domain).toEqual([-0.5, 0.5]);
  });

  it('has a lookup table whose middle entry is the colour of 0', () => {
    expect(LUT_SIZE % 2).toBe(1);
    const k = 4 * ((LUT_SIZE - 1) / 2);
    expect([s.lut[k], s.lut[k + 1], s.lut[k + 2]]).toEqual(RDBU_MID);
  });
});

describe('sequentialScale', () => {
  it('runs viridis over a linear domain', () => {
    const s = sequentialScale({ domain: [0, 10] });
    expect(scaleRgb(s, 0)).toEqual(VIRIDIS_0);
    expect(scaleRgb(s, 10)).toEqual(VIRIDIS_1);
    expect(scaleRgb(s, 5)).toEqual(VIRIDIS_HALF);
  });

  it('on a log domain keeps exact zeros dark and starts positives at the zero gap', () => {
    const s = sequentialScale({ domain: [1e-4, 1], type: 'log' });
    expect(scaleRgb(s, 0)).toEqual(VIRIDIS_0);
    expect(s.t(1e-4)).toBe(0.5);
    expect(scaleRgb(s, 1e-4)).toEqual(VIRIDIS_HALF);
    expect(s.t(1e-9)).toBe(0.5);
    expect(s.t(1e-2)).toBeCloseTo(0.75, 12);
    expect(scaleRgb(s, 1)).toEqual(VIRIDIS_1);
    expect(s.ticks()).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
  });
});

describe('classColors', () => {
  it('uses Tableau 10 up to ten classes', () => {
    expect(classColors(3)).toEqual(['#4e79a7', '#f28e2c', '#e15759']);
    expect(classColors(10)).toHaveLength(10);
  });

  it('gives any larger number of classes distinct colours', () => {
    const c = classColors(37);
    expect(c).toHaveLength(37);
    expect(new Set(c).size).toBe(37);
    for (const x of c) expect(x).toMatch(/^#[0-9a-f]{6}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { divergingScale, NON_FINITE_RGB, sequentialScale } from '../color/scales';
import { cellRange, fitHeatmap, rangeText } from './layout';
import { heatmapPixels, maxAbsOf, poolMaxAbs, resolveScale } from './pixels';

function pixel(px: Uint8ClampedArray, i: number): number[] {
  return [px[4 * i], px[4 * i + 1], px[4 * i + 2], px[4 * i + 3]];
}

describe('heatmapPixels', () => {
  it('draws one opaque pixel per cell, row-major, in the scale’s colours', () => {
    const data = Float32Array.from([-1, 0, 1, 0.5, NaN, -Infinity]);
    const px = heatmapPixels(data, 2, 3, divergingScale(1));
    expect(px).toHaveLength(2 * 3 * 4);
    expect(pixel(px, 0)).toEqual([5, 48, 97, 255]);
    expect(pixel(px, 1)).toEqual([247, 247, 247, 255]);
    expect(pixel(px, 2)).toEqual([103, 0, 31, 255]);
    expect(pixel(px, 4)).toEqual([...NON_FINITE_RGB, 255]);
    expect(pixel(px, 5)).toEqual([...NON_FINITE_RGB, 255]);
  });

  it('takes a colour function instead of a scale', () => {
    const px = heatmapPixels([0, 3, NaN], 1, 3, (v) => [v * 10, 1, 2]);
    expect(pixel(px, 0)).toEqual([0, 1, 2, 255]);
    expect(pixel(px, 1)).toEqual([30, 1, 2, 255]);
    expect(pixel(px, 2)).toEqual([...NON_FINITE_RGB, 255]);
  });

  it('refuses too few values, naming the sizes', () => {
    expect(() => heatmapPixels([1, 2, 3], 2, 2, divergingScale(1))).toThrow('2 × 2 cells need 4 values, got 3');
  });

  it('fits a named scale to the data', () => {
    const data = [-3, 1, 2];
    expect(maxAbsOf([1, -Infinity, -2, NaN])).toBe(2);
    const d = resolveScale('diverging', data);
    expect(typeof d === 'object' && d.domain).toEqual([-3, 3]);
    const s = resolveScale('sequential', data);
    expect(typeof s === 'object' && s.domain).toEqual([0, 3]);
    const own = sequentialScale({ domain: [0, 1] });
    expect(resolveScale(own, data)).toBe(own);
  });
});

describe('poolMaxAbs', () => {
  it('keeps each block’s entry of largest magnitude with its sign; NaN wins', () => {
    // 3 × 4 in 2 × 2 blocks → 2 × 2 (the last row block is one row high).
    const data = [0.1, -0.9, 0.2, 0.3, 0.5, 0.4, -0.1, 0.05, -2, 1, NaN, 7];
    const m = poolMaxAbs(data, 3, 4, 2, 2);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(2);
    expect(Array.from(m.data)).toEqual([Math.fround(-0.9), Math.fround(0.3), -2, NaN]);
  });
});

describe('fitHeatmap', () => {
  it('gives whole CSS pixels per cell and square cells when they fit', () => {
    expect(fitHeatmap(32, 32, { maxWidth: 240, maxHeight: 240 })).toEqual({ width: 224, height: 224, poolRows: 1, poolCols: 1 });
    expect(fitHeatmap(4, 4, { maxWidth: 240, maxHeight: 240 })).toEqual({ width: 96, height: 96, poolRows: 1, poolCols: 1 });
  });

  it('widens a thin side: a few classes across, a vector as a strip', () => {
    expect(fitHeatmap(32, 3, { maxWidth: 240, maxHeight: 240 })).toMatchObject({ width: 36, height: 224 });
    expect(fitHeatmap(100, 10, { maxWidth: 240, maxHeight: 240 })).toMatchObject({ width: 40, height: 200 });
    const f = fitHeatmap(1, 1000, { maxWidth: 240, maxHeight: 240, dpr: 2 });
    expect(fitHeatmap(1, 1, { maxWidth: 240, maxHeight: 240 })).toMatchObject({ width: 24, height: 24 });
    expect(f.height).toBe(12);
    expect(f.width).toBeCloseTo(240, 6);
    expect(f.poolCols).toBe(3);
  });

  it('merges cells only when there are more of them than device pixels', () => {
    expect(fitHeatmap(256, 256, { maxWidth: 240, maxHeight: 240, dpr: 1 }).poolRows).toBe(2);
    expect(fitHeatmap(256, 256, { maxWidth: 240, maxHeight: 240, dpr: 2 }).poolRows).toBe(1);
  });
});

describe('cell ranges', () => {
  it('maps a downsampled cell back to the tensor’s indices, clipped at the end', () => {
    expect(rangeText('feature', cellRange(5, 8, 1024))).toBe('feature 40–47');
    expect(rangeText('sample', cellRange(12, 1, 64))).toBe('sample 12');
    expect(cellRange(9, 8, 75)).toEqual([72, 74]);
  });
});

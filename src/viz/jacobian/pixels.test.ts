import { describe, expect, it } from 'vitest';
import { LUT_SIZE } from '../color/scales';
import { linearJacobian, reluJacobian } from '../test-utils';
import { jacobianScale, jacobianTilePixels, poolFraction } from './pixels';

const DARK = [68, 1, 84];
const FULL = [253, 231, 37];

function rgbAt(px: Uint8ClampedArray, width: number, r: number, c: number): number[] {
  const k = 4 * (r * width + c);
  return [px[k], px[k + 1], px[k + 2]];
}

const isDark = (rgb: number[]) => rgb.join() === DARK.join();

describe('jacobianTilePixels', () => {
  // Question 1's layer at a quarter of its width: N = 64 samples, Linear(256 → 128). J is
  // (64·128) × (64·256); on 256 × 256 tiles every sample block is 4 × 4 tiles.
  const { j } = linearJacobian(64, 256, 128);

  it('lights exactly the diagonal sample blocks of a Linear layer’s dY/dX', () => {
    expect(j.pattern).toBe('block-diagonal');
    const img = jacobianTilePixels(j.tiles, 'fraction');
    expect([img.width, img.height]).toEqual([256, 256]);
    for (let r = 0; r < 256; r++) {
      for (let c = 0; c < 256; c++) {
        const rgb = rgbAt(img.pixels, 256, r, c);
        if (Math.floor(r / 4) === Math.floor(c / 4)) expect(rgb).toEqual(FULL);
        else expect(rgb).toEqual(DARK);
      }
    }
  });

  it('keeps every diagonal block when merging tiles for a 48-pixel thumbnail', () => {
    const img = jacobianTilePixels(j.tiles, 'fraction', 48);
    expect(img.poolRows).toBe(6);
    expect(img.width).toBe(43);
    for (let r = 0; r < img.height; r++) {
      for (let c = 0; c < img.width; c++) {
        // Pixel (r, c) merges tiles [6r, 6r + 6) × [6c, 6c + 6): lit iff they share a sample block.
        const rowBlocks = new Set<number>();
        for (let a = 6 * r; a < Math.min(256, 6 * r + 6); a++) rowBlocks.add(Math.floor(a / 4));
        let shared = false;
        for (let b = 6 * c; b < Math.min(256, 6 * c + 6); b++) if (rowBlocks.has(Math.floor(b / 4))) shared = true;
        expect(isDark(rgbAt(img.pixels, img.width, r, c))).toBe(!shared);
      }
    }
  });

  it('shows an activation’s diagonal and nothing else, even one tile wide', () => {
    const { x, j: d } = reluJacobian(64, 64);
    expect(d.pattern).toBe('diagonal');
    const img = jacobianTilePixels(d.tiles, 'fraction');
    expect(img.width).toBe(256);
    // Tile a covers J rows [16a, 16a + 16): lit iff one of those inputs is positive.
    for (let a = 0; a < 256; a++) {
      let alive = false;
      for (let i = 16 * a; i < 16 * a + 16; i++) if (x.data[i] > 0) alive = true;
      for (let b = 0; b < 256; b++) {
        const dark = isDark(rgbAt(img.pixels, 256, a, b));
        expect(dark).toBe(a !== b || !alive);
      }
    }
    const thumb = jacobianTilePixels(d.tiles, 'fraction', 48);
    for (let r = 0; r < thumb.height; r++) {
      for (let c = 0; c < thumb.width; c++) {
        if (Math.abs(r - c) > 0) expect(isDark(rgbAt(thumb.pixels, thumb.width, r, c))).toBe(true);
        else expect(isDark(rgbAt(thumb.pixels, thumb.width, r, c))).toBe(false);
      }
    }
  });

  it('merges fractions exactly: merged pixels still count every non-zero of J', () => {
    const { j: w } = linearJacobian(8, 24, 12, 'w');
    for (const side of [256, 40, 7, 1]) {
      const pr = Math.max(1, Math.ceil(w.tiles.rows / side));
      const pc = Math.max(1, Math.ceil(w.tiles.cols / side));
      const m = poolFraction(w.tiles, pr, pc);
      let nonZeros = 0;
      for (let r = 0; r < m.rows; r++) {
        const h = w.tiles.rowEdges[Math.min(w.tiles.rows, (r + 1) * pr)] - w.tiles.rowEdges[r * pr];
        for (let c = 0; c < m.cols; c++) {
          const wd = w.tiles.colEdges[Math.min(w.tiles.cols, (c + 1) * pc)] - w.tiles.colEdges[c * pc];
          nonZeros += m.data[r * m.cols + c] * h * wd;
        }
      }
      expect(nonZeros).toBeCloseTo(w.nonZeros, 3);
    }
  });

  it('colours by max |value| on the tiles’ own log range', () => {
    const s = jacobianScale(j.tiles, 'maxAbs');
    let hi = 0;
    for (const v of j.tiles.maxAbs) hi = Math.max(hi, v);
    expect(s.domain[1]).toBe(hi);
    expect(s.t(0)).toBe(0);
    expect(s.t(hi)).toBe(1);
    const img = jacobianTilePixels(j.tiles, 'maxAbs');
    expect(rgbAt(img.pixels, 256, 0, 255)).toEqual(DARK);
    expect(isDark(rgbAt(img.pixels, 256, 0, 0))).toBe(false);
    expect(s.lut).toHaveLength(LUT_SIZE * 4);
  });
});

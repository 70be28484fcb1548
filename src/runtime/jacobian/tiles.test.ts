import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Allocation, cellOf, tileEdges } from './tiles';

describe('tileEdges', () => {
  it('cuts a length into at most maxCells near-equal, increasing ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 300 }), (length, maxCells) => {
        const mem = new Allocation();
        const e = tileEdges(length, maxCells, mem);
        const k = e.length - 1;
        expect(k).toBe(Math.min(length, maxCells));
        expect(e[0]).toBe(0);
        expect(e[k]).toBe(length);
        const sizes = Array.from({ length: k }, (_, a) => e[a + 1] - e[a]);
        if (k > 0) {
          expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        }
        expect(mem.bytes).toBe(4 * (k + 1));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('lands on block boundaries when the blocks divide the ranges or the ranges divide the blocks', () => {
    const mem = new Allocation();
    // 64 blocks of 512 in 256 ranges: every 4th edge is a block boundary.
    const a = tileEdges(64 * 512, 256, mem);
    for (let n = 0; n <= 64; n++) expect(a[4 * n]).toBe(512 * n);
    // 1000 blocks of 3 in 250 ranges: 4 whole blocks per range.
    const b = tileEdges(3000, 250, mem);
    for (let t = 0; t <= 250; t++) expect(b[t]).toBe(12 * t);
    // 8 blocks of 7 in 24 ranges: each block in the same 3 pieces (2, 2, 3).
    const c = tileEdges(56, 24, mem);
    for (let n = 0; n < 8; n++) expect([c[3 * n + 1] - c[3 * n], c[3 * n + 2] - c[3 * n + 1], c[3 * n + 3] - c[3 * n + 2]]).toEqual([2, 2, 3]);
  });

  it('switches to plain numbers past 32-bit lengths, still exact', () => {
    const mem = new Allocation();
    const e = tileEdges(2 ** 40 + 3, 4, mem);
    expect(Array.isArray(e)).toBe(true);
    expect(e).toEqual([0, 2 ** 38, 2 ** 39 + 1, 3 * 2 ** 38 + 2, 2 ** 40 + 3]);
  });
});

describe('cellOf', () => {
  it('finds the range holding a position', () => {
    const e = tileEdges(100, 7, new Allocation());
    for (let x = 0; x < 100; x++) {
      const a = cellOf(e, x);
      expect(e[a]).toBeLessThanOrEqual(x);
      expect(x).toBeLessThan(e[a + 1]);
    }
  });
});

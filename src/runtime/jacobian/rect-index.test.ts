import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCuts, RectIndex } from './rect-index';
import { Acc, Allocation } from './tiles';

describe('makeCuts', () => {
  it('sorts, de-duplicates, clamps and adds both ends', () => {
    const cuts = makeCuts(5, (i) => [7, 3, 3, 12, -1][i], 10, new Allocation());
    expect(Array.from(cuts)).toEqual([0, 3, 7, 10]);
  });
});

describe('RectIndex', () => {
  it('gives the exact non-zero count and max |value| of every rectangle between cuts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 1 << 30 }),
        (rows, cols, rp, cp, seed) => {
          const data = new Float64Array(rows * cols);
          let s = seed;
          for (let i = 0; i < data.length; i++) {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            // A third zeros, some values only non-zero in float64.
            data[i] = s % 3 === 0 ? 0 : s % 7 === 0 ? 1e-50 : ((s >>> 8) / 2 ** 24 - 0.5) * 4;
          }
          const mem = new Allocation();
          const rc = makeCuts(rp.length, (i) => rp[i], rows, mem);
          const cc = makeCuts(cp.length, (i) => cp[i], cols, mem);
          const index = new RectIndex(data, rows, cols, rc, cc, mem);
          for (let a = 0; a < rc.length; a++) {
            for (let b = a + 1; b < rc.length; b++) {
              for (let c = 0; c < cc.length; c++) {
                for (let d = c + 1; d < cc.length; d++) {
                  const acc = new Acc();
                  index.query(rc[a], rc[b], cc[c], cc[d], acc);
                  let nz = 0;
                  let m = 0;
                  for (let r = rc[a]; r < rc[b]; r++) {
                    for (let q = cc[c]; q < cc[d]; q++) {
                      const v = Math.abs(Math.fround(data[r * cols + q]));
                      if (v !== 0) nz++;
                      m = Math.max(m, v);
                    }
                  }
                  if (acc.count !== nz || acc.max !== m) {
                    expect({ rect: [rc[a], rc[b], cc[c], cc[d]], count: acc.count, max: acc.max }).toEqual({
                      rect: [rc[a], rc[b], cc[c], cc[d]],
                      count: nz,
                      max: m,
                    });
                  }
                }
              }
            }
          }
        },
      ),
      { seed: 99, numRuns: 200 },
    );
  });

  it('refuses a side that is not on a cut', () => {
    const mem = new Allocation();
    const index = new RectIndex(new Float32Array(12), 3, 4, makeCuts(0, () => 0, 3, mem), makeCuts(1, () => 2, 4, mem), mem);
    expect(() => index.query(0, 3, 1, 4, new Acc())).toThrow(/column 1 is not one of the prepared cuts/);
  });
});

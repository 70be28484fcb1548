import { describe, expect, it } from 'vitest';
import { dataBounds } from './bounds';
import { spiral } from './spiral';
import type { Dataset } from './types';

const make = (rows: number[][]): Dataset => ({
  name: 't',
  features: rows[0]?.length ?? 2,
  classes: 2,
  x: Float32Array.from(rows.flat()),
  y: new Int32Array(rows.length),
  featureNames: ['a', 'b'],
});

describe('dataBounds', () => {
  it('widens each feature by the margin times its span', () => {
    const b = dataBounds(make([[0, -2], [4, 2], [1, 0]]), 0.25);
    expect(b.min).toEqual([-1, -3]);
    expect(b.max).toEqual([5, 3]);
    expect(dataBounds(make([[0, -2], [4, 2]]), 0)).toEqual({ min: [0, -2], max: [4, 2] });
  });

  it('never gives a degenerate extent', () => {
    expect(dataBounds(make([[3, 3], [3, 3]]))).toEqual({ min: [2, 2], max: [4, 4] });
    const empty: Dataset = { name: 'e', features: 2, classes: 2, x: new Float32Array(0), y: new Int32Array(0), featureNames: ['a', 'b'] };
    expect(dataBounds(empty)).toEqual({ min: [-1, -1], max: [1, 1] });
  });

  it('frames a noiseless spiral within [-1.2, 1.2]²', () => {
    const b = dataBounds(spiral({ samples: 300, noise: 0, classes: 3 }, 1));
    for (let j = 0; j < 2; j++) {
      expect(b.min[j]).toBeGreaterThanOrEqual(-1.2);
      expect(b.max[j]).toBeLessThanOrEqual(1.2);
      expect(b.max[j] - b.min[j]).toBeGreaterThan(2);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { Linear, Tensor, createRng } from '../../engine';
import { jacobianStructure } from './index';
import type { JacobianStructure } from './types';

const MB16 = 16 * 1024 * 1024;

/** The homework's Question 1: N = 64 samples through Linear(1024 → 512). */
function question1(): { lin: Linear; x: Tensor } {
  const lin = new Linear(1024, 512, { rng: createRng(2024) });
  const x = Tensor.randn([64, 1024], createRng(7));
  lin.forward(x);
  return { lin, x };
}

function maxAbsOf(data: ArrayLike<number>, stride: number, r0: number, r1: number, c0: number, c1: number): number {
  let m = 0;
  for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) m = Math.max(m, Math.abs(data[r * stride + c]));
  return m;
}

function zerosIn(data: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) z++;
  return z;
}

/** The cells (as "a,b: got ≠ want") where a tile array differs from the expected one. */
function differences(got: Float32Array, want: Float32Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < want.length && out.length < 5; i++) {
    if (got[i] !== want[i]) out.push(`${i >> 8},${i & 255}: ${got[i]} ≠ ${want[i]}`);
  }
  return out;
}

/** Returned typed arrays, which `bytesUsed` must at least cover. */
function returnedBytes(s: JacobianStructure): number {
  const t = s.tiles;
  const edges = (e: Int32Array | number[]) => (e instanceof Int32Array ? e.byteLength : 8 * e.length);
  return t.fraction.byteLength + t.maxAbs.byteLength + edges(t.rowEdges) + edges(t.colEdges) + (s.dense?.byteLength ?? 0);
}

/** Summarises while watching the process's memory: JS heap plus ArrayBuffers grown by the call. */
function measured(run: () => JacobianStructure): { s: JacobianStructure; grown: number } {
  const before = process.memoryUsage();
  const s = run();
  const after = process.memoryUsage();
  return { s, grown: after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers };
}

describe('Question 1: Linear(1024 → 512) on 64 samples', () => {
  const { lin, x } = question1();
  const w = lin.w.data;

  it('dY/dX: shape, entries, non-zeros and bytes are exact', () => {
    expect(zerosIn(w)).toBe(0);
    const { s, grown } = measured(() => jacobianStructure(lin, 'input'));
    expect(s.shape).toEqual([64, 512, 64, 1024]);
    expect(s.rows).toBe(32768);
    expect(s.cols).toBe(65536);
    expect(s.entries).toBe(2_147_483_648);
    expect(s.nonZeros).toBe(64 * 512 * 1024);
    expect(s.nonZeros).toBe(33_554_432);
    expect(s.nonZeros / s.entries).toBe(1 / 64);
    expect(s.bytesFloat32).toBe(8_589_934_592);
    expect(s.pattern).toBe('block-diagonal');
    expect(s.dense).toBeUndefined();
    expect(s.bytesUsed).toBeGreaterThanOrEqual(returnedBytes(s));
    expect(s.bytesUsed).toBeLessThan(MB16);
    expect(grown).toBeLessThan(MB16);
  });

  it('dY/dX: the tiles show the block diagonal, with exact maxima of W', () => {
    const s = jacobianStructure(lin, 'input');
    const t = s.tiles;
    expect([t.rows, t.cols]).toEqual([256, 256]);
    // 4 row tiles of 128 and 4 column tiles of 256 per sample: edges on the sample boundaries.
    expect(Array.from(t.rowEdges)).toEqual(Array.from({ length: 257 }, (_, a) => 128 * a));
    expect(Array.from(t.colEdges)).toEqual(Array.from({ length: 257 }, (_, b) => 256 * b));
    const fraction = new Float32Array(256 * 256);
    const maxAbs = new Float32Array(256 * 256);
    let covered = 0;
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        if (a >> 2 !== b >> 2) continue;
        const i0 = (a % 4) * 128;
        const j0 = (b % 4) * 256;
        fraction[a * 256 + b] = 1;
        maxAbs[a * 256 + b] = maxAbsOf(w, 1024, i0, i0 + 128, j0, j0 + 256);
        covered += t.fraction[a * 256 + b] * 128 * 256;
      }
    }
    expect(differences(t.fraction, fraction)).toEqual([]);
    expect(differences(t.maxAbs, maxAbs)).toEqual([]);
    expect(covered).toBe(s.nonZeros);
  });

  it('dY/dW: shape, entries and the 1/512 fraction are exact', () => {
    expect(zerosIn(x.data)).toBe(0);
    const { s, grown } = measured(() => jacobianStructure(lin, 'w'));
    expect(s.shape).toEqual([64, 512, 512, 1024]);
    expect(s.entries).toBe(17_179_869_184);
    expect(s.nonZeros).toBe(512 * 64 * 1024);
    expect(s.nonZeros / s.entries).toBe(1 / 512);
    expect(s.bytesFloat32).toBe(68_719_476_736);
    expect(s.pattern).toBe('row-blocks');
    expect(s.bytesUsed).toBeGreaterThanOrEqual(returnedBytes(s));
    expect(s.bytesUsed).toBeLessThan(MB16);
    expect(grown).toBeLessThan(MB16);
  });

  it('dY/dW: output row (n, i) is non-zero only on W row i, holding X[n, :]', () => {
    const t = jacobianStructure(lin, 'w').tiles;
    // Row tiles: 128 outputs of one sample; column tiles: 2048 columns = W rows 2b and 2b + 1.
    const fraction = new Float32Array(256 * 256);
    const maxAbs = new Float32Array(256 * 256);
    for (let a = 0; a < 256; a++) {
      const n = a >> 2;
      const rowMax = maxAbsOf(x.data, 1024, n, n + 1, 0, 1024);
      for (let b = 0; b < 256; b++) {
        if (b >> 6 !== a % 4) continue;
        fraction[a * 256 + b] = 1 / 128;
        maxAbs[a * 256 + b] = rowMax;
      }
    }
    expect(differences(t.fraction, fraction)).toEqual([]);
    expect(differences(t.maxAbs, maxAbs)).toEqual([]);
    const sum = t.fraction.reduce((p, v) => p + v, 0);
    expect(sum).toBe(256 * 64 / 128);
  });

  it('dY/db: an identity per sample', () => {
    const s = jacobianStructure(lin, 'b');
    expect(s.shape).toEqual([64, 512, 512]);
    expect(s.entries).toBe(16_777_216);
    expect(s.nonZeros).toBe(32_768);
    expect(s.pattern).toBe('stacked-identity');
    expect(s.bytesUsed).toBeLessThan(MB16);
  });

  it('refuses to materialise the dense Jacobian', () => {
    expect(() => jacobianStructure(lin, 'input', { dense: true })).toThrow(/2147483648 entries.*up to 1000000/);
  });
});

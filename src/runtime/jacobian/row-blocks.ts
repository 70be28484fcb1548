import type { TensorData } from '../../engine';
import { makeCuts, RectIndex } from './rect-index';
import { Acc, cellOf, type Allocation, type TileGrid } from './tiles';

/**
 * J[(n, i), (k, j)] = X[n, j] when i = k, else 0: rows are (sample n < count, output i < out),
 * columns are (W row k < out, W column j < width). Linear w.r.t. W has X there; Linear w.r.t.
 * b is the same with a single column of ones (width 1).
 */
export class RowBlocks {
  private readonly index: RectIndex;

  constructor(
    readonly count: number,
    readonly out: number,
    readonly width: number,
    private readonly x: TensorData,
    private readonly grid: TileGrid,
    mem: Allocation,
  ) {
    const { rowEdges, colEdges } = grid;
    // A cell's rows with i = k belong to samples ⌊r0/out⌋ (+1) … ⌊r1/out⌋ (+1): cut X there.
    const rowCuts = makeCuts(2 * rowEdges.length, (t) => Math.floor(rowEdges[t >> 1] / out) + (t & 1), count, mem);
    const colCuts = makeCuts(colEdges.length, (b) => colEdges[b] % width, width, mem);
    this.index = new RectIndex(x, count, width, rowCuts, colCuts, mem);
  }

  nonZeros(): number {
    const acc = new Acc();
    this.index.query(0, this.count, 0, this.width, acc);
    return this.out * acc.count;
  }

  /**
   * For cell rows [r0, r1), the rows with output index k are samples
   * [q0 + (k < s0), q1 + (k < s1)) where r = q·out + s; that range is constant between the
   * break points s0 and s1, so a cell is a handful of rectangle queries on X whatever its size:
   * the whole-width W rows of one piece share one query. Column tiles holding none of the
   * cell's output indices are zero and skipped.
   */
  summarise(): void {
    const { grid, out, width } = this;
    const { rowEdges, colEdges } = grid;
    const lastCol = (k: number): number => cellOf(colEdges, k * width - 1);
    for (let a = 0; a < grid.rows; a++) {
      const r0 = rowEdges[a];
      const r1 = rowEdges[a + 1];
      const s0 = r0 % out;
      const s1 = r1 % out;
      if (r1 - r0 >= out) this.cells(a, r0, r1, 0, grid.cols - 1);
      else if (s1 > s0 || s1 === 0) this.cells(a, r0, r1, cellOf(colEdges, s0 * width), lastCol(s1 === 0 ? out : s1));
      else {
        // The rows wrap into the next sample: output indices [s0, out) then [0, s1).
        this.cells(a, r0, r1, 0, lastCol(s1));
        this.cells(a, r0, r1, cellOf(colEdges, s0 * width), grid.cols - 1);
      }
    }
  }

  private readonly acc = new Acc();
  private readonly whole = new Acc();

  /** Fills cells (a, b0 … b1). */
  private cells(a: number, r0: number, r1: number, b0: number, b1: number): void {
    const { grid, out, width, index, acc, whole } = this;
    const colEdges = grid.colEdges;
    const q0 = Math.floor(r0 / out);
    const s0 = r0 - q0 * out;
    const q1 = Math.floor(r1 / out);
    const s1 = r1 - q1 * out;
    const lo = Math.min(s0, s1);
    const hi = Math.max(s0, s1);
    for (let b = b0; b <= b1; b++) {
      const c0 = colEdges[b];
      const c1 = colEdges[b + 1];
      const k0 = Math.floor(c0 / width);
      const k1 = Math.floor((c1 - 1) / width);
      acc.reset();
      // Pieces [ka, kb) of W rows with one sample range, split where k passes s0 or s1.
      let ka = k0;
      while (ka <= k1) {
        let kb = k1 + 1;
        if (lo > ka && lo <= k1) kb = lo;
        else if (hi > ka && hi <= k1) kb = hi;
        const nA = q0 + (ka < s0 ? 1 : 0);
        const nB = q1 + (ka < s1 ? 1 : 0);
        if (nB > nA) {
          let full = kb - ka;
          // Only the cell's first and last W rows can be cut short in j.
          full -= this.partial(k0, ka, kb, c0, c1, nA, nB);
          if (k1 !== k0) full -= this.partial(k1, ka, kb, c0, c1, nA, nB);
          if (full > 0) {
            whole.reset();
            index.query(nA, nB, 0, width, whole);
            acc.count += full * whole.count;
            if (whole.max > acc.max) acc.max = whole.max;
          }
        }
        ka = kb;
      }
      if (acc.count > 0) grid.set(a, b, acc);
    }
  }

  /** Adds W row k's part of the cell when it lies in [ka, kb) and is cut in j; returns 1 if so. */
  private partial(k: number, ka: number, kb: number, c0: number, c1: number, nA: number, nB: number): number {
    if (k < ka || k >= kb) return 0;
    const w = this.width;
    const j0 = Math.max(c0, k * w) - k * w;
    const j1 = Math.min(c1, (k + 1) * w) - k * w;
    if (j0 === 0 && j1 === w) return 0;
    this.index.query(nA, nB, j0, j1, this.acc);
    return 1;
  }

  /** The dense J (rows = count·out, cols = out·width). */
  dense(outArr: Float32Array): void {
    const { count, out, width, x } = this;
    const cols = out * width;
    for (let n = 0; n < count; n++) {
      for (let i = 0; i < out; i++) {
        const at = (n * out + i) * cols + i * width;
        for (let j = 0; j < width; j++) outArr[at + j] = x[n * width + j];
      }
    }
  }
}

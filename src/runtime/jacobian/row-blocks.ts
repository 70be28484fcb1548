import type { TensorData } from '../../engine';
import { makeCuts, RectIndex } from './rect-index';
import { Acc, type Allocation, type TileGrid } from './tiles';

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
   * the whole-width W rows of one piece share one query.
   */
  summarise(): void {
    const { grid, out, width, index } = this;
    const { rowEdges, colEdges } = grid;
    const acc = new Acc();
    const whole = new Acc();
    const pieceEnds = [0, 0, 0];
    for (let a = 0; a < grid.rows; a++) {
      const r0 = rowEdges[a];
      const r1 = rowEdges[a + 1];
      const q0 = Math.floor(r0 / out);
      const s0 = r0 - q0 * out;
      const q1 = Math.floor(r1 / out);
      const s1 = r1 - q1 * out;
      for (let b = 0; b < grid.cols; b++) {
        const c0 = colEdges[b];
        const c1 = colEdges[b + 1];
        const k0 = Math.floor(c0 / width);
        const k1 = Math.floor((c1 - 1) / width);
        let pieces = 0;
        const lo = Math.min(s0, s1);
        const hi = Math.max(s0, s1);
        if (lo > k0 && lo <= k1) pieceEnds[pieces++] = lo;
        if (hi > k0 && hi <= k1 && hi !== lo) pieceEnds[pieces++] = hi;
        pieceEnds[pieces++] = k1 + 1;
        acc.reset();
        let ka = k0;
        for (let p = 0; p < pieces; p++) {
          const kb = pieceEnds[p];
          const nA = q0 + (ka < s0 ? 1 : 0);
          const nB = q1 + (ka < s1 ? 1 : 0);
          if (nB > nA) {
            let full = kb - ka;
            // Only the cell's first and last W rows can be cut short in j.
            const partial = (k: number): void => {
              if (k < ka || k >= kb) return;
              const j0 = Math.max(c0, k * width) - k * width;
              const j1 = Math.min(c1, (k + 1) * width) - k * width;
              if (j0 > 0 || j1 < width) {
                index.query(nA, nB, j0, j1, acc);
                full--;
              }
            };
            partial(k0);
            if (k1 !== k0) partial(k1);
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

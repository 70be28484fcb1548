import type { TensorData } from '../../engine';
import { makeCuts, RectIndex } from './rect-index';
import { Acc, cellOf, type Allocation, type TileGrid } from './tiles';

/**
 * The content of the diagonal blocks of a block-diagonal J: block n (bo × bi) sits at
 * rows [n·bo, (n+1)·bo) and columns [n·bi, (n+1)·bi); everything else is zero.
 */
export interface BlockSource {
  readonly count: number;
  readonly bo: number;
  readonly bi: number;
  /** Adds block n's sub-rectangle [i0, i1) × [j0, j1) to `acc`. */
  rect(n: number, i0: number, i1: number, j0: number, j1: number, acc: Acc): void;
  /** Adds the whole blocks n0 … n1 − 1 to `acc`. */
  whole(n0: number, n1: number, acc: Acc): void;
  /** Row-major bo × bi values of block n. */
  block(n: number): ArrayLike<number>;
  nonZeros(): number;
}

/**
 * Every block is the same matrix (Linear w.r.t. its input: W in each). Rectangles are
 * answered by an index over W cut where the tile edges fall inside a block, so the
 * summary never looks at more than one copy of W.
 */
export class SharedBlock implements BlockSource {
  private readonly index: RectIndex;
  private readonly total = new Acc();

  constructor(
    readonly count: number,
    readonly bo: number,
    readonly bi: number,
    private readonly data: TensorData,
    grid: TileGrid,
    mem: Allocation,
  ) {
    const { rowEdges, colEdges } = grid;
    const rowCuts = makeCuts(rowEdges.length, (a) => rowEdges[a] % bo, bo, mem);
    const colCuts = makeCuts(colEdges.length, (b) => colEdges[b] % bi, bi, mem);
    this.index = new RectIndex(data, bo, bi, rowCuts, colCuts, mem);
    this.index.query(0, bo, 0, bi, this.total);
  }

  rect(_n: number, i0: number, i1: number, j0: number, j1: number, acc: Acc): void {
    this.index.query(i0, i1, j0, j1, acc);
  }

  whole(n0: number, n1: number, acc: Acc): void {
    if (n1 <= n0) return;
    acc.count += (n1 - n0) * this.total.count;
    if (this.total.max > acc.max) acc.max = this.total.max;
  }

  block(): ArrayLike<number> {
    return this.data;
  }

  nonZeros(): number {
    return this.count * this.total.count;
  }
}

/** Each block has its own values, stored one after another (float32, already rounded). */
export class OwnBlocks implements BlockSource {
  constructor(
    readonly count: number,
    readonly bo: number,
    readonly bi: number,
    private readonly values: Float32Array,
  ) {}

  rect(n: number, i0: number, i1: number, j0: number, j1: number, acc: Acc): void {
    const v = this.values;
    let m = acc.max;
    let nz = 0;
    for (let i = i0; i < i1; i++) {
      const base = (n * this.bo + i) * this.bi;
      for (let j = base + j0; j < base + j1; j++) {
        const a = Math.abs(v[j]);
        if (a !== 0) {
          nz++;
          if (a > m) m = a;
        }
      }
    }
    acc.count += nz;
    acc.max = m;
  }

  whole(n0: number, n1: number, acc: Acc): void {
    for (let n = n0; n < n1; n++) this.rect(n, 0, this.bo, 0, this.bi, acc);
  }

  block(n: number): ArrayLike<number> {
    const size = this.bo * this.bi;
    return this.values.subarray(n * size, (n + 1) * size);
  }

  nonZeros(): number {
    let nz = 0;
    for (let i = 0; i < this.values.length; i++) if (this.values[i] !== 0) nz++;
    return nz;
  }
}

/**
 * Fills the tiles of a block-diagonal J. Only cell pairs sharing a block are visited; within
 * a pair, the first and last shared blocks may be cut by the cell's edges and the ones
 * between are whole on both sides (a block strictly inside both ranges of blocks).
 */
export function summariseBlockDiagonal(src: BlockSource, grid: TileGrid): void {
  const { bo, bi } = src;
  const { rowEdges, colEdges } = grid;
  const acc = new Acc();
  const add = (n: number, r0: number, r1: number, c0: number, c1: number): void => {
    const i0 = Math.max(r0, n * bo) - n * bo;
    const i1 = Math.min(r1, (n + 1) * bo) - n * bo;
    const j0 = Math.max(c0, n * bi) - n * bi;
    const j1 = Math.min(c1, (n + 1) * bi) - n * bi;
    src.rect(n, i0, i1, j0, j1, acc);
  };
  for (let a = 0; a < grid.rows; a++) {
    const r0 = rowEdges[a];
    const r1 = rowEdges[a + 1];
    const na0 = Math.floor(r0 / bo);
    const na1 = Math.floor((r1 - 1) / bo);
    const b0 = cellOf(colEdges, na0 * bi);
    const b1 = cellOf(colEdges, (na1 + 1) * bi - 1);
    for (let b = b0; b <= b1; b++) {
      const c0 = colEdges[b];
      const c1 = colEdges[b + 1];
      const lo = Math.max(na0, Math.floor(c0 / bi));
      const hi = Math.min(na1, Math.floor((c1 - 1) / bi));
      if (lo > hi) continue;
      acc.reset();
      add(lo, r0, r1, c0, c1);
      if (hi > lo) {
        add(hi, r0, r1, c0, c1);
        src.whole(lo + 1, hi, acc);
      }
      grid.set(a, b, acc);
    }
  }
}

/** The dense J of a block-diagonal structure (rows = count·bo, cols = count·bi). */
export function denseBlockDiagonal(src: BlockSource, out: Float32Array): void {
  const { bo, bi, count } = src;
  const cols = count * bi;
  for (let n = 0; n < count; n++) {
    const blk = src.block(n);
    for (let i = 0; i < bo; i++) {
      const at = (n * bo + i) * cols + n * bi;
      for (let j = 0; j < bi; j++) out[at + j] = blk[i * bi + j];
    }
  }
}

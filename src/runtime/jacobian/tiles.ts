import type { JacobianTiles } from './types';

/** Creates typed arrays and keeps the sum of their sizes, so `bytesUsed` reports what was really allocated. */
export class Allocation {
  bytes = 0;

  f32(n: number): Float32Array {
    const a = new Float32Array(n);
    this.bytes += a.byteLength;
    return a;
  }

  f64(n: number): Float64Array {
    const a = new Float64Array(n);
    this.bytes += a.byteLength;
    return a;
  }

  i32(n: number): Int32Array {
    const a = new Int32Array(n);
    this.bytes += a.byteLength;
    return a;
  }
}

export type Edges = Int32Array | number[];

/**
 * Cuts [0, length) into k = min(maxCells, length) near-equal ranges at ⌊a·length/k⌋.
 * The rule lands on every block boundary for free whenever the number of blocks divides k
 * or k divides the number of blocks (e.g. 64 samples of 512 rows in 256 ranges: 4 per sample),
 * because then a block boundary b·length/B is itself of the form a·length/k.
 */
export function tileEdges(length: number, maxCells: number, mem: Allocation): Edges {
  const k = Math.min(maxCells, length);
  let edges: Edges;
  if (length <= 0x7fffffff) edges = mem.i32(k + 1);
  else {
    edges = new Array<number>(k + 1);
    mem.bytes += 8 * (k + 1);
  }
  // a·length < 2^53 here, so the quotient is floored correctly.
  for (let a = 0; a <= k; a++) edges[a] = Math.floor((a * length) / k);
  return edges;
}

/** The range a with edges[a] ≤ x < edges[a + 1] (x inside [0, last edge)). */
export function cellOf(edges: Edges, x: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Running non-zero count and max |value| of one rectangle or cell. */
export class Acc {
  count = 0;
  max = 0;

  reset(): void {
    this.count = 0;
    this.max = 0;
  }
}

/** Per-cell exact counts (float64, as cells can hold more than 2^24 non-zeros) and maxima. */
export class TileGrid {
  readonly rowEdges: Edges;
  readonly colEdges: Edges;
  readonly rows: number;
  readonly cols: number;
  readonly counts: Float64Array;
  readonly maxAbs: Float32Array;

  constructor(numRows: number, numCols: number, maxCells: number, readonly mem: Allocation) {
    this.rowEdges = tileEdges(numRows, maxCells, mem);
    this.colEdges = tileEdges(numCols, maxCells, mem);
    this.rows = this.rowEdges.length - 1;
    this.cols = this.colEdges.length - 1;
    this.counts = mem.f64(this.rows * this.cols);
    this.maxAbs = mem.f32(this.rows * this.cols);
  }

  set(a: number, b: number, acc: Acc): void {
    const i = a * this.cols + b;
    this.counts[i] = acc.count;
    this.maxAbs[i] = acc.max;
  }

  /** The finished tiles: counts become fractions of each cell's entries. */
  finish(): JacobianTiles {
    const { rows, cols, rowEdges, colEdges, counts } = this;
    const fraction = this.mem.f32(rows * cols);
    for (let a = 0; a < rows; a++) {
      const h = rowEdges[a + 1] - rowEdges[a];
      for (let b = 0; b < cols; b++) {
        const c = counts[a * cols + b];
        if (c !== 0) fraction[a * cols + b] = c / (h * (colEdges[b + 1] - colEdges[b]));
      }
    }
    return { rows, cols, rowEdges, colEdges, fraction, maxAbs: this.maxAbs };
  }
}

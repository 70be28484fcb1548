import type { JacobianTiles } from '../../runtime';
import { product } from './describe';

type Edges = JacobianTiles['rowEdges'];

/** Position in [0, 1] along a tiled axis of index x ∈ [0, total], exact through the tile edges. */
export function edgePosition(edges: Edges, x: number): number {
  const k = edges.length - 1;
  if (k <= 0) return 0;
  if (x <= edges[0]) return 0;
  if (x >= edges[k]) return 1;
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  const span = edges[lo + 1] - edges[lo];
  return (lo + (span > 0 ? (x - edges[lo]) / span : 0)) / k;
}

export interface BlockTick {
  /** Position along the axis, in [0, 1]. */
  pos: number;
  /** The block's index along the leading dimension. */
  block: number;
}

export interface BlockAxis {
  /** Labelled ticks: every `every`-th block. */
  ticks: BlockTick[];
  every: number;
  /** Positions of all block boundaries inside the axis (for grid lines). */
  boundaries: number[];
  /** Blocks along the axis (the leading dimension) and entries per block. */
  blocks: number;
  blockSize: number;
}

const NICE = [1, 2, 5];

/** The smallest of 1, 2, 5, 10, 20, 50, … with ⌈blocks / k⌉ ≤ maxTicks. */
export function tickEvery(blocks: number, maxTicks: number): number {
  for (let p = 1; ; p *= 10) {
    for (const m of NICE) if (Math.ceil(blocks / (m * p)) <= Math.max(1, maxTicks)) return m * p;
  }
}

/**
 * Ticks of one side of J by the blocks of its leading dimension: a [N, F] side has N blocks of F
 * indices (samples); a 1-D side has one block per index. Labels every block while they fit in
 * `maxTicks`, else every k-th with k in 1, 2, 5, 10, ….
 */
export function blockAxis(edges: Edges, dims: readonly number[], maxTicks: number): BlockAxis {
  const blocks = dims.length ? dims[0] : 1;
  const blockSize = dims.length >= 2 ? product(dims.slice(1)) : 1;
  const every = tickEvery(blocks, maxTicks);
  const ticks: BlockTick[] = [];
  for (let b = 0; b < blocks; b += every) ticks.push({ pos: edgePosition(edges, b * blockSize), block: b });
  const boundaries: number[] = [];
  for (let b = 1; b < blocks; b++) boundaries.push(edgePosition(edges, b * blockSize));
  return { ticks, every, boundaries, blocks, blockSize };
}

/** Flat index → multi-index of dims (row-major). */
export function unravel(i: number, dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length);
  for (let d = dims.length - 1; d >= 0; d--) {
    out[d] = i % dims[d];
    i = Math.floor(i / dims[d]);
  }
  return out;
}

/** The flat range [lo, hi] of a side as indices: "X[3, 0–255]" within one block, else "X[3, 200] … X[4, 55]". */
export function indexRangeText(symbol: string, dims: readonly number[], lo: number, hi: number): string {
  const a = unravel(lo, dims);
  if (lo === hi) return `${symbol}[${a.join(', ')}]`;
  const b = unravel(hi, dims);
  const same = a.slice(0, -1).every((v, k) => v === b[k]);
  if (same) return `${symbol}[${[...a.slice(0, -1), `${a[a.length - 1]}–${b[b.length - 1]}`].join(', ')}]`;
  return `${symbol}[${a.join(', ')}] … ${symbol}[${b.join(', ')}]`;
}

import type { Tensor, TensorData } from '../engine';

/** Up to this many numbers travel as they are; larger tensors travel as a downsampled view. */
export const MAX_VALUES = 4096;
export const HISTOGRAM_BINS = 32;
/** The downsampled view is at most this many cells per side. */
export const PREVIEW_SIDE = 64;

export interface TensorSummary {
  shape: number[];
  size: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  /** Euclidean norm of all entries. */
  norm: number;
  /** Fraction of entries exactly 0 (dead ReLUs, dropped units). */
  zeros: number;
  /** Count of NaN or ±Infinity entries (ignored by the statistics above). */
  nonFinite: number;
  histogram: { lo: number; hi: number; counts: Uint32Array };
  /** Every value, row-major, when size ≤ MAX_VALUES. */
  values?: Float32Array;
  /**
   * The tensor seen as a matrix [rows = first dim, cols = the rest], cut into at most
   * PREVIEW_SIDE × PREVIEW_SIDE cells; each cell holds the entry of largest magnitude
   * (with its sign), so isolated spikes stay visible.
   */
  preview?: { rows: number; cols: number; rowStep: number; colStep: number; data: Float32Array };
}

/** Statistics, a histogram and the values (or a downsampled view) of a tensor. */
export function summarize(t: Pick<Tensor, 'shape' | 'data'>): TensorSummary {
  const d = t.data;
  const n = d.length;
  let min = Infinity, max = -Infinity, sum = 0, sumSq = 0, zeros = 0, bad = 0;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    if (!Number.isFinite(v)) {
      bad++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSq += v * v;
    if (v === 0) zeros++;
  }
  const finite = n - bad;
  const mean = finite ? sum / finite : 0;
  const variance = finite ? Math.max(0, sumSq / finite - mean * mean) : 0;
  if (!finite) {
    min = 0;
    max = 0;
  }
  const out: TensorSummary = {
    shape: [...t.shape],
    size: n,
    min,
    max,
    mean,
    std: Math.sqrt(variance),
    norm: Math.sqrt(sumSq),
    zeros: n ? zeros / n : 0,
    nonFinite: bad,
    histogram: histogram(d, min, max),
  };
  if (n <= MAX_VALUES) out.values = Float32Array.from(d);
  else out.preview = downsample(d, t.shape);
  return out;
}

function histogram(d: TensorData, lo: number, hi: number): TensorSummary['histogram'] {
  const counts = new Uint32Array(HISTOGRAM_BINS);
  const width = hi - lo;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (!Number.isFinite(v)) continue;
    const b = width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor(((v - lo) / width) * HISTOGRAM_BINS)) : 0;
    counts[b]++;
  }
  return { lo, hi, counts };
}

function downsample(d: TensorData, shape: readonly number[]): NonNullable<TensorSummary['preview']> {
  const rowsAll = shape.length >= 2 ? shape[0] : 1;
  const colsAll = d.length / Math.max(1, rowsAll);
  const rowStep = Math.ceil(rowsAll / PREVIEW_SIDE);
  const colStep = Math.ceil(colsAll / PREVIEW_SIDE);
  const rows = Math.ceil(rowsAll / rowStep);
  const cols = Math.ceil(colsAll / colStep);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rowsAll; r++) {
    const pr = Math.floor(r / rowStep);
    const base = r * colsAll;
    for (let c = 0; c < colsAll; c++) {
      const v = d[base + c];
      const k = pr * cols + Math.floor(c / colStep);
      if (Math.abs(v) > Math.abs(data[k]) || Number.isNaN(v)) data[k] = v;
    }
  }
  return { rows, cols, rowStep, colStep, data };
}

/** Euclidean norm, in float64. */
export function norm(d: TensorData): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i] * d[i];
  return Math.sqrt(s);
}

/** Index of the first non-finite entry, or −1. */
export function firstNonFinite(d: TensorData): number {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return i;
  return -1;
}

import type { TensorView, TensorSummary } from '../../runtime';

/** A tensor laid out for a heatmap: first dimension down, the rest across. */
export interface TensorMatrix {
  shape: number[];
  rows: number;
  cols: number;
  data: Float32Array;
  /** Tensor rows / columns per cell (1 at full resolution). */
  rowStep: number;
  colStep: number;
  /** The tensor's rows and columns as a matrix. */
  rowCount: number;
  colCount: number;
}

export function isTensorView(t: TensorSummary | TensorView): t is TensorView {
  return 'data' in t && 'rowStep' in t;
}

/** Rows and columns of a shape seen as a matrix: [N, F] → N × F, [F] → 1 × F, [N, a, b] → N × ab, [] → 1 × 1. */
export function matrixDims(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [1, shape[0]];
  const rows = shape[0];
  let cols = 1;
  for (let i = 1; i < shape.length; i++) cols *= shape[i];
  return [rows, cols];
}

/**
 * The matrix to draw for a summary (its values, else its downsampled preview) or a view;
 * null for an empty tensor or a summary that carries neither.
 */
export function tensorMatrix(t: TensorSummary | TensorView): TensorMatrix | null {
  const [rowCount, colCount] = matrixDims(t.shape);
  if (rowCount * colCount === 0) return null;
  if (isTensorView(t)) {
    return { shape: t.shape, rows: t.rows, cols: t.cols, data: t.data, rowStep: t.rowStep, colStep: t.colStep, rowCount, colCount };
  }
  if (t.values && t.values.length === rowCount * colCount) {
    return { shape: t.shape, rows: rowCount, cols: colCount, data: t.values, rowStep: 1, colStep: 1, rowCount, colCount };
  }
  if (t.preview) {
    const p = t.preview;
    return { shape: t.shape, rows: p.rows, cols: p.cols, data: p.data, rowStep: p.rowStep, colStep: p.colStep, rowCount, colCount };
  }
  return null;
}

export interface ValueStats {
  min: number;
  max: number;
  mean: number;
  std: number;
  zeros: number;
  nonFinite: number;
}

/** Statistics of every value (finite ones; non-finite are counted), as the runtime's summaries define them. */
export function valueStats(d: ArrayLike<number>): ValueStats {
  let min = Infinity, max = -Infinity, sum = 0, zeros = 0, bad = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (!Number.isFinite(v)) {
      bad++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (v === 0) zeros++;
  }
  const n = d.length - bad;
  const mean = n ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  return n
    ? { min, max, mean, std: Math.sqrt(ss / n), zeros: zeros / d.length, nonFinite: bad }
    : { min: 0, max: 0, mean: 0, std: 0, zeros: 0, nonFinite: bad };
}

export interface FitOptions {
  maxWidth: number;
  maxHeight: number;
  /** Largest cell side in CSS px. */
  maxCell?: number;
  /** Each side is at least min(minSide, minStrip × its cells) CSS px when there is room (a vector: 12 px). */
  minStrip?: number;
  minSide?: number;
  dpr?: number;
}

export interface HeatmapLayout {
  /** CSS size of the drawn matrix. */
  width: number;
  height: number;
  /** Cells merged per pixel along each axis (1 = every cell gets at least a device pixel). */
  poolRows: number;
  poolCols: number;
}

/**
 * The size to draw a rows × cols matrix at within maxWidth × maxHeight: whole CSS pixels per cell
 * when they fit (crisp edges), square cells unless a side is thin, and merging of cells only when
 * there are more cells than device pixels (so no cell is silently skipped by the scaling).
 */
export function fitHeatmap(rows: number, cols: number, o: FitOptions): HeatmapLayout {
  const maxCell = o.maxCell ?? 24;
  const minStrip = o.minStrip ?? 12;
  const dpr = o.dpr ?? 1;
  if (rows <= 0 || cols <= 0) return { width: 0, height: 0, poolRows: 1, poolCols: 1 };
  const minSide = o.minSide ?? 48;
  let cw = Math.min(o.maxWidth / cols, maxCell);
  let ch = Math.min(o.maxHeight / rows, maxCell);
  const square = Math.min(cw, ch);
  // Square cells, except that a thin side (a vector, a few classes) widens to stay readable.
  cw = Math.min(cw, Math.max(square, Math.min(minSide, minStrip * cols) / cols));
  ch = Math.min(ch, Math.max(square, Math.min(minSide, minStrip * rows) / rows));
  if (cw >= 1) cw = Math.floor(cw);
  if (ch >= 1) ch = Math.floor(ch);
  const poolCols = cw * dpr >= 1 ? 1 : Math.ceil(1 / (cw * dpr));
  const poolRows = ch * dpr >= 1 ? 1 : Math.ceil(1 / (ch * dpr));
  return { width: Math.round(cols * cw * 100) / 100, height: Math.round(rows * ch * 100) / 100, poolRows, poolCols };
}

/** The first and last index of the tensor covered by cell `i` when each cell spans `step` indices of `count`. */
export function cellRange(i: number, step: number, count: number): [number, number] {
  const lo = i * step;
  return [lo, Math.min(count, lo + step) - 1];
}

/** "sample 12" or "feature 40–47". */
export function rangeText(name: string, [lo, hi]: [number, number]): string {
  return lo === hi ? `${name} ${lo}` : `${name} ${lo}–${hi}`;
}

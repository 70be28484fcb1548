import type { JacobianTiles } from '../../runtime';
import { sequentialScale, type ColorScale } from '../color/scales';
import { heatmapPixels, poolMaxAbs, type Matrix } from '../heatmap/pixels';

/** What a tile's colour shows: its share of non-zero entries, or its largest |entry|. */
export type JacobianMetric = 'fraction' | 'maxAbs';

/** The smallest fraction the fraction scale resolves; rarer non-zeros share its colour, still apart from zero. */
export const MIN_FRACTION = 1e-4;

/**
 * The sequential log scale of a tile metric. Fractions use a fixed [1e-4, 1] so thumbnails of
 * different layers compare; max |value| spans the tiles' own positive range. Zero tiles take
 * the ramp's darkest colour and every non-zero tile sits well above it.
 */
export function jacobianScale(tiles: Pick<JacobianTiles, 'fraction' | 'maxAbs'>, metric: JacobianMetric): ColorScale {
  if (metric === 'fraction') return sequentialScale({ domain: [MIN_FRACTION, 1], type: 'log' });
  let lo = Infinity, hi = 0;
  for (const v of tiles.maxAbs) {
    if (v > 0 && v < lo) lo = v;
    if (v > hi && v !== Infinity) hi = v;
  }
  if (!(hi > 0)) return sequentialScale({ domain: [0.1, 1], type: 'log' });
  if (!(hi > lo)) lo = hi / 10;
  return sequentialScale({ domain: [lo, hi], type: 'log' });
}

export interface TilePixels {
  width: number;
  height: number;
  pixels: Uint8ClampedArray<ArrayBuffer>;
  /** Tiles merged into one pixel along each axis (by their maximum). */
  poolRows: number;
  poolCols: number;
}

/**
 * RGBA pixels of a Jacobian's tile summary with at most `maxSide` pixels per side: one pixel per
 * tile when the grid fits, else blocks of tiles merged — fractions into the exact fraction of the
 * merged region, max |value| by the maximum — so a merged pixel is zero only when all its tiles
 * are, and a one-tile-wide diagonal or a single non-zero tile is never dropped.
 */
export function jacobianTilePixels(tiles: JacobianTiles, metric: JacobianMetric, maxSide = Infinity, scale = jacobianScale(tiles, metric), transparentZeros = false): TilePixels {
  const values = metric === 'fraction' ? tiles.fraction : tiles.maxAbs;
  const poolRows = Math.max(1, Math.ceil(tiles.rows / maxSide));
  const poolCols = Math.max(1, Math.ceil(tiles.cols / maxSide));
  const pooled = poolRows > 1 || poolCols > 1;
  const m = !pooled
    ? { rows: tiles.rows, cols: tiles.cols, data: values }
    : metric === 'fraction'
      ? poolFraction(tiles, poolRows, poolCols)
      : poolMaxAbs(values, tiles.rows, tiles.cols, poolRows, poolCols);
  const pixels = heatmapPixels(m.data, m.rows, m.cols, scale);
  // Zero tiles may let the background through, so only the non-zero structure is drawn.
  if (transparentZeros) for (let k = 0; k < m.rows * m.cols; k++) if (m.data[k] === 0) pixels[4 * k + 3] = 0;
  return { width: m.cols, height: m.rows, pixels, poolRows, poolCols };
}

/**
 * Merges fr × fc blocks of tiles into the non-zero fraction of the whole block: the tiles'
 * fractions weighted by their entry counts (from the edges), so the result is exact.
 */
export function poolFraction(tiles: JacobianTiles, fr: number, fc: number): Matrix {
  const pr = Math.ceil(tiles.rows / fr);
  const pc = Math.ceil(tiles.cols / fc);
  const nz = new Float64Array(pr * pc);
  const all = new Float64Array(pr * pc);
  for (let r = 0; r < tiles.rows; r++) {
    const h = tiles.rowEdges[r + 1] - tiles.rowEdges[r];
    const base = ((r / fr) | 0) * pc;
    for (let c = 0; c < tiles.cols; c++) {
      const n = h * (tiles.colEdges[c + 1] - tiles.colEdges[c]);
      const k = base + ((c / fc) | 0);
      nz[k] += tiles.fraction[r * tiles.cols + c] * n;
      all[k] += n;
    }
  }
  const data = new Float32Array(pr * pc);
  for (let k = 0; k < data.length; k++) {
    // A merged pixel with any non-zero tile stays non-zero even where float32 would round it away.
    const f = all[k] > 0 ? nz[k] / all[k] : 0;
    data[k] = f > 0 ? Math.max(f, 1e-30) : 0;
  }
  return { rows: pr, cols: pc, data };
}

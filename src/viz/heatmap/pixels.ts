import { LUT_SIZE, NON_FINITE_RGB, divergingScale, sequentialScale, type ColorScale, type Rgb } from '../color/scales';

/** A colour function for callers that bring their own mapping. */
export type RgbFn = (v: number) => Rgb;

/** A scale object, a colour function, or the name of a scale fitted to the data. */
export type ScaleSpec = ColorScale | RgbFn | 'diverging' | 'sequential';

/**
 * RGBA pixels of a rows × cols matrix, one pixel per cell, row-major (ImageData's layout).
 * Non-finite values take NON_FINITE_RGB.
 */
export function heatmapPixels(data: ArrayLike<number>, rows: number, cols: number, scale: ColorScale | RgbFn): Uint8ClampedArray<ArrayBuffer> {
  const n = rows * cols;
  if (data.length < n) throw new RangeError(`heatmapPixels: ${rows} × ${cols} cells need ${n} values, got ${data.length}`);
  const px = new Uint8ClampedArray(n * 4);
  if (typeof scale === 'function') {
    for (let i = 0; i < n; i++) {
      const v = data[i];
      const c = Number.isFinite(v) ? scale(v) : NON_FINITE_RGB;
      px[4 * i] = c[0];
      px[4 * i + 1] = c[1];
      px[4 * i + 2] = c[2];
      px[4 * i + 3] = 255;
    }
    return px;
  }
  const lut = scale.lut;
  const top = LUT_SIZE - 1;
  for (let i = 0; i < n; i++) {
    const t = scale.t(data[i]);
    const o = 4 * i;
    if (t !== t) {
      px[o] = NON_FINITE_RGB[0];
      px[o + 1] = NON_FINITE_RGB[1];
      px[o + 2] = NON_FINITE_RGB[2];
    } else {
      const k = 4 * Math.round(t * top);
      px[o] = lut[k];
      px[o + 1] = lut[k + 1];
      px[o + 2] = lut[k + 2];
    }
    px[o + 3] = 255;
  }
  return px;
}

/** The largest |finite value| of an array (0 when there is none). */
export function maxAbsOf(data: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    if (a > m && a !== Infinity) m = a;
  }
  return m;
}

/** Turns a scale name into a scale fitted to the data: diverging ±max|v|, sequential [0, max|v|]. */
export function resolveScale(spec: ScaleSpec, data: ArrayLike<number>): ColorScale | RgbFn {
  if (spec === 'diverging') return divergingScale(maxAbsOf(data));
  if (spec === 'sequential') return sequentialScale({ domain: [0, maxAbsOf(data) || 1] });
  return spec;
}

export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/**
 * Merges fr × fc blocks of cells into one, keeping the entry of largest magnitude with its sign
 * (NaN wins), so that drawing a matrix on fewer pixels than cells loses no spike.
 */
export function poolMaxAbs(data: ArrayLike<number>, rows: number, cols: number, fr: number, fc: number): Matrix {
  const pr = Math.ceil(rows / fr);
  const pc = Math.ceil(cols / fc);
  const out = new Float32Array(pr * pc);
  const seen = new Uint8Array(pr * pc);
  for (let r = 0; r < rows; r++) {
    const base = ((r / fr) | 0) * pc;
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c];
      const k = base + ((c / fc) | 0);
      const w = out[k];
      if (!seen[k] || v !== v || (w === w && Math.abs(v) > Math.abs(w))) {
        out[k] = v;
        seen[k] = 1;
      }
    }
  }
  return { rows: pr, cols: pc, data: out };
}

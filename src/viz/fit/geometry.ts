import type { DatasetPoints, RegressionFit } from '../../runtime';
import { scaleRgb, type ColorScale } from '../color/scales';

/**
 * The extent of the targets and (when given) the predictions, widened by `margin` of its
 * span on both sides: the fit view's value axis, fixed by the data so the curve moves inside it.
 */
export function valueExtent(points: Pick<DatasetPoints, 'targets'> | null, fit: Pick<RegressionFit, 'prediction'> | null, margin = 0.08): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (a: ArrayLike<number> | undefined) => {
    if (!a) return;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  take(points?.targets);
  // Predictions widen the axis only as far as twice the data's span: a wild early fit clips instead of squashing the data flat.
  const data: [number, number] | null = lo <= hi ? [lo, hi] : null;
  take(fit?.prediction);
  if (!(lo <= hi)) return [-1, 1];
  if (data) {
    const span = data[1] - data[0] || 1;
    lo = Math.max(lo, data[0] - span / 2);
    hi = Math.min(hi, data[1] + span / 2);
  }
  const pad = (hi - lo || 1) * margin;
  return [lo - pad, hi + pad];
}

/** The inputs along a 1-D fit's line: `resolution` points from min to max, as the runtime evaluates them. */
export function fitLine(fit: Pick<RegressionFit, 'bounds' | 'resolution'>): Float64Array {
  const [lo] = fit.bounds.min;
  const [hi] = fit.bounds.max;
  const n = fit.resolution;
  return Float64Array.from({ length: n }, (_, i) => lo + (n > 1 ? i / (n - 1) : 0.5) * (hi - lo));
}

/** RGBA pixels of a 2-D fit, resolution × resolution with row 0 at the top, each cell its prediction's colour. */
export function surfacePixels(fit: Pick<RegressionFit, 'resolution' | 'prediction'>, scale: ColorScale): Uint8ClampedArray<ArrayBuffer> {
  const n = fit.resolution * fit.resolution;
  if (fit.prediction.length !== n) throw new RangeError(`surfacePixels: a ${fit.resolution} × ${fit.resolution} fit needs ${n} predictions, got ${fit.prediction.length}`);
  const px = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = scaleRgb(scale, fit.prediction[i]);
    px[4 * i] = r;
    px[4 * i + 1] = g;
    px[4 * i + 2] = b;
    px[4 * i + 3] = 255;
  }
  return px;
}

/** The prediction at input `x` on a 1-D fit's line, linearly between its points (NaN outside). */
export function predictionAt(fit: Pick<RegressionFit, 'bounds' | 'resolution' | 'prediction'>, x: number): number {
  const [lo] = fit.bounds.min;
  const [hi] = fit.bounds.max;
  if (!(x >= lo && x <= hi) || fit.resolution < 2) return NaN;
  const u = ((x - lo) / (hi - lo || 1)) * (fit.resolution - 1);
  const i = Math.min(fit.resolution - 2, Math.floor(u));
  const f = u - i;
  return fit.prediction[i] * (1 - f) + fit.prediction[i + 1] * f;
}

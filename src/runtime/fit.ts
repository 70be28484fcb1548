import { Tensor, type Sequential } from '../engine';
import { gridInputs } from './boundary';
import type { Bounds } from './datasets';

/**
 * A regression model's prediction over its input range, for the fit view: along the line
 * for 1 input feature (a curve of `resolution` points), over the plane for 2 (a
 * resolution × resolution grid, row 0 at the top, as the decision boundary's).
 */
export interface RegressionFit {
  /** Training step the fit was computed at. */
  step: number;
  /** 1 (a curve) or 2 (a surface). */
  features: 1 | 2;
  resolution: number;
  bounds: Bounds;
  /** 1-D: the prediction at `resolution` evenly spaced inputs from min to max; 2-D: per grid cell. */
  prediction: Float32Array;
}

/**
 * The prediction in evaluation mode (dropout off), through every layer but a final loss,
 * on a copy, so the model's layers keep the state of the user's last pass. Null for other
 * than 1 or 2 input features, or a model with more than 1 output.
 */
export function regressionFit(model: Sequential, hasLoss: boolean, bounds: Bounds, resolution: number, step: number): RegressionFit | null {
  const features = bounds.min.length;
  if (features !== 1 && features !== 2) return null;
  const x = features === 1 ? lineInputs(bounds, resolution) : gridInputs(bounds, resolution);
  const n = x.length / features;
  const layers = (hasLoss ? model.layers.slice(0, -1) : model.layers).map((l) => l.clone().eval());
  let out = new Tensor(x, [n, features]);
  for (const l of layers) out = l.forward(out);
  if (out.shape[1] !== 1) return null;
  return { step, features, resolution, bounds, prediction: Float32Array.from(out.data) };
}

/** `resolution` inputs from min to max, both ends included. */
function lineInputs(bounds: Bounds, resolution: number): Float32Array {
  const [lo] = bounds.min;
  const [hi] = bounds.max;
  return Float32Array.from({ length: resolution }, (_, i) => lo + (resolution > 1 ? i / (resolution - 1) : 0.5) * (hi - lo));
}

/** Line points for a curve, or grid side for a surface: enough for a smooth view. */
export const FIT_RESOLUTION = { 1: 200, 2: 80 } as const;

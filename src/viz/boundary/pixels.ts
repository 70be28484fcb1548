import type { DecisionBoundary, DatasetPoints } from '../../runtime';
import type { Rgb } from '../color/scales';

/** Opacity of the boundary's cells: from a coin toss between the classes to certainty. */
export const BOUNDARY_ALPHA: readonly [number, number] = [0.06, 0.62];

/**
 * Opacity (0–255) of a cell whose predicted class has softmax probability `confidence` among
 * `classes` classes: 1/classes (no preference) maps to BOUNDARY_ALPHA[0], 1 to BOUNDARY_ALPHA[1].
 */
export function confidenceAlpha(confidence: number, classes: number): number {
  const floor = classes > 1 ? 1 / classes : 0;
  const u = floor < 1 ? (confidence - floor) / (1 - floor) : 1;
  const t = Number.isFinite(u) ? Math.max(0, Math.min(1, u)) : 0;
  return Math.round(255 * (BOUNDARY_ALPHA[0] + (BOUNDARY_ALPHA[1] - BOUNDARY_ALPHA[0]) * t));
}

/**
 * RGBA pixels of a decision boundary, resolution × resolution with row 0 at the top (max y):
 * each cell in its predicted class's colour, opaque as the model is confident.
 */
export function boundaryPixels(b: Pick<DecisionBoundary, 'resolution' | 'classes' | 'confidence'>, colors: readonly Rgb[]): Uint8ClampedArray<ArrayBuffer> {
  const n = b.resolution * b.resolution;
  if (b.classes.length !== n || b.confidence.length !== n) {
    throw new RangeError(`boundaryPixels: a ${b.resolution} × ${b.resolution} boundary needs ${n} classes and confidences, got ${b.classes.length} and ${b.confidence.length}`);
  }
  const k = colors.length;
  const px = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const c = b.classes[i];
    if (c >= k) throw new RangeError(`boundaryPixels: cell ${i} predicts class ${c}, but only ${k} class colours were given`);
    const rgb = colors[c];
    px[4 * i] = rgb[0];
    px[4 * i + 1] = rgb[1];
    px[4 * i + 2] = rgb[2];
    px[4 * i + 3] = confidenceAlpha(b.confidence[i], k);
  }
  return px;
}

/** Pixel positions of the data points in a width × height plot of `bounds` (y up). */
export function pointPositions(p: Pick<DatasetPoints, 'x' | 'features' | 'bounds'>, width: number, height: number): { px: Float32Array; py: Float32Array } {
  const n = p.features ? p.x.length / p.features : 0;
  const [x0, y0] = p.bounds.min;
  const [x1, y1] = p.bounds.max;
  const kx = width / (x1 - x0 || 1);
  const ky = height / (y1 - y0 || 1);
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = (p.x[i * p.features] - x0) * kx;
    py[i] = height - (p.x[i * p.features + 1] - y0) * ky;
  }
  return { px, py };
}

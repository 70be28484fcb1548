import { Tensor, type Sequential } from '../engine';
import type { Bounds } from './datasets';

export interface DecisionBoundary {
  /** Training step the boundary was computed at. */
  step: number;
  resolution: number;
  bounds: Bounds;
  /** resolution × resolution predicted classes, row 0 at the top (max y), column 0 at min x. */
  classes: Uint16Array;
  /** The predicted class's softmax probability per cell. */
  confidence: Float32Array;
}

/** Cell centres of the 2-D input plane, [resolution², 2], row by row from the top (max x2) down. */
export function gridInputs(bounds: Bounds, resolution: number): Float32Array {
  const x = new Float32Array(resolution * resolution * 2);
  const [x0, y0] = bounds.min;
  const [x1, y1] = bounds.max;
  for (let r = 0; r < resolution; r++) {
    const py = y1 - ((r + 0.5) / resolution) * (y1 - y0);
    for (let c = 0; c < resolution; c++) {
      const i = r * resolution + c;
      x[2 * i] = x0 + ((c + 0.5) / resolution) * (x1 - x0);
      x[2 * i + 1] = py;
    }
  }
  return x;
}

/**
 * Predicted class over a grid of the 2-D input plane, in evaluation mode (dropout off),
 * through every layer but a final loss. Runs on a copy, so the model's layers keep the
 * state of the user's last pass (their Jacobians and gradients stay on that batch).
 */
export function decisionBoundary(model: Sequential, hasLoss: boolean, bounds: Bounds, resolution: number, step: number): DecisionBoundary {
  const n = resolution * resolution;
  const x = gridInputs(bounds, resolution);
  const layers = (hasLoss ? model.layers.slice(0, -1) : model.layers).map((l) => l.clone().eval());
  let out = new Tensor(x, [n, 2]);
  for (const l of layers) out = l.forward(out);
  const k = out.shape[1];
  const d = out.data;
  const classes = new Uint16Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (d[i * k + j] > d[i * k + best]) best = j;
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(d[i * k + j] - d[i * k + best]);
    classes[i] = best;
    confidence[i] = 1 / sum;
  }
  return { step, resolution, bounds, classes, confidence };
}

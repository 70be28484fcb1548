import { createRng, Tensor, type Sequential } from '../../engine';
import type { Targets } from '../datasets';
import { keepingRandomState, type Trace } from '../passes';
import type { JvpDirection, JvpReport } from '../protocol';
import { summarize } from '../summary';

/** Σ aᵢbᵢ in float64, over two tensors of the same size. */
function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The input tangent a direction describes: standard normal entries from a seeded generator, or one input entry set to 1. */
export function tangentOf(shape: readonly number[], direction: JvpDirection): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(size);
  if (direction.kind === 'random') {
    const rng = createRng(direction.seed >>> 0);
    for (let i = 0; i < size; i++) v[i] = rng.normal();
  } else {
    if (!Number.isInteger(direction.index) || direction.index < 0 || direction.index >= size) {
      throw new Error(`The chosen input entry ${direction.index} is outside the layer's input, which has ${size} entries (0 to ${size - 1}).`);
    }
    v[direction.index] = 1;
  }
  return new Tensor(v, [...shape]);
}

/**
 * Forward mode beside reverse mode for one layer of the last pass: J·v for an input tangent v
 * (the layer's jvp), next to the backward pass's gᵀJ, and both sides of the dot-product
 * identity ⟨g, J v⟩ = ⟨Jᵀg, v⟩ — two routes to one number, in float64 from float32 tensors.
 * The layer is run forward again on its recorded input (same dropout mask) so its state is
 * the pass's, whatever looked at it since.
 */
export function jvpProbe(model: Sequential, trace: Trace, y: Targets, i: number, nodeId: string, direction: JvpDirection): JvpReport {
  const layer = model.layers[i];
  const x = trace.inputs[i];
  const jtg = trace.dIns[i];
  if (!x) throw new Error('Run a forward pass through this layer first.');
  if (!jtg) throw new Error('Run the backward pass down to this layer first: the identity needs its gᵀJ.');
  const v = tangentOf(x.shape, direction);
  keepingRandomState(model, () => layer.forward(x, y));
  const jv = layer.jvp(v);
  // The loss starts the chain: its incoming gradient is the number 1.
  const g = trace.dOuts[i]?.data ?? Float32Array.of(1);
  const gJv = dot(g, jv.data);
  const jtgV = dot(jtg.data, v.data);
  const scale = Math.max(Math.abs(gJv), Math.abs(jtgV));
  return {
    nodeId,
    direction,
    v: summarize(v),
    jv: summarize(jv),
    gJv,
    jtgV,
    relativeDifference: scale > 0 ? Math.abs(gJv - jtgV) / scale : 0,
  };
}

import { Dropout, LeakyReLU, Sigmoid, TanH, type Tensor } from '../../engine';
import type { Allocation } from './tiles';

function lastInputOf(layer: LeakyReLU | Sigmoid | TanH): Tensor {
  const x = layer.lastInput;
  if (!x) throw new Error(`jacobianStructure: ${layer} has not run forward yet, so there is no batch to differentiate`);
  return x;
}

/**
 * The diagonal of an elementwise activation's Jacobian on its last input, rounded to float32.
 * Sigmoid and TanH recompute the output exactly as the engine's forward does (rounded to the
 * input's dtype) and apply the engine's derivative formulas, so the values are the ones its
 * backward produces.
 */
export function activationDerivative(layer: LeakyReLU | Sigmoid | TanH, mem: Allocation): { shape: readonly number[]; d: Float32Array } {
  const x = lastInputOf(layer);
  const xd = x.data;
  const d = mem.f32(xd.length);
  const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  if (layer instanceof LeakyReLU) {
    // 1 where x > 0, α elsewhere (the engine's sub-gradient at 0 is α; for ReLU that is 0).
    const a = layer.alpha;
    for (let i = 0; i < xd.length; i++) d[i] = xd[i] > 0 ? 1 : a;
  } else if (layer instanceof Sigmoid) {
    for (let i = 0; i < xd.length; i++) {
      const v = xd[i];
      let s: number;
      if (v >= 0) s = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        s = e / (1 + e);
      }
      s = round(s);
      d[i] = s * (1 - s); // σ' = σ(1 − σ)
    }
  } else {
    for (let i = 0; i < xd.length; i++) {
      const t = round(Math.tanh(xd[i]));
      d[i] = 1 - t * t; // tanh' = 1 − tanh²
    }
  }
  return { shape: x.shape, d };
}

/**
 * The diagonal of Dropout's Jacobian: its last mask (0 or 1/(1−p)), or ones when the last
 * forward ran in evaluation mode (or with p = 0), where Dropout is the identity.
 */
export function dropoutDerivative(layer: Dropout, mem: Allocation): { shape: readonly number[]; d: Float32Array } {
  const mask = layer.mask;
  if (mask) {
    const d = mem.f32(mask.size);
    d.set(mask.data);
    return { shape: mask.shape, d };
  }
  const shape = layer.lastShape;
  if (!shape) throw new Error(`jacobianStructure: ${layer} has not run forward yet, so there is no batch to differentiate`);
  let size = 1;
  for (const s of shape) size *= s;
  const d = mem.f32(size);
  d.fill(1);
  return { shape, d };
}

/**
 * Test-only: an independent automatic differentiation to check the engine's hand-written
 * backward passes against. An engine layer tree is rebuilt from TensorFlow.js operations
 * (cpu backend, float32) with the same weights, and tfjs's autograd computes the
 * vector-Jacobian products. It plays the part of the homework's `compare_layer_to_torch`.
 */
import * as tf from '@tensorflow/tfjs-core';
// The package's bundles carry no gradient definitions; this registers them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { LeakyReLU, ReLU, Sigmoid, TanH } from '../activations';
import { CrossEntropyLoss } from '../cross-entropy';
import { Dropout } from '../dropout';
import type { Layer } from '../layer';
import { Linear } from '../linear';
import { MLP } from '../mlp';
import { MSELoss } from '../mse';
import { createRng } from '../rng';
import { Sequential } from '../sequential';
import { Tensor } from '../tensor';

/** Selects the cpu backend (call once, e.g. in beforeAll). */
export async function initTf(): Promise<void> {
  // PROD only silences tfjs's console advice about native backends.
  tf.env().set('PROD', true);
  if (!(await tf.setBackend('cpu'))) throw new Error('tfjs: the cpu backend did not initialise');
}

/** ‖a − b‖∞ / max(‖a‖∞, ‖b‖∞); 0 when both are zero. */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`relError: ${a.length} values against ${b.length}`);
  let diff = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]), Math.abs(b[i]));
  }
  // NaN anywhere must fail, not vanish in Math.max.
  for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
  return scale === 0 ? 0 : diff / scale;
}

type TfFn = (x: tf.Tensor, params: tf.Tensor[]) => tf.Tensor;

/**
 * The layer as a tfjs function of the input and the parameters (in `layer.params()` order).
 * Dropout multiplies by the engine's last mask, a constant here as in any autograd.
 */
function toTf(layer: Layer, y: ArrayLike<number> | undefined): { fn: TfFn; count: number } {
  if (layer instanceof Linear) {
    return {
      count: 2,
      fn: (x, [w, b]) => {
        const x2 = tf.reshape(x, [-1, layer.inFeatures]);
        const z = tf.add(tf.matMul(x2, w, false, true), b);
        return tf.reshape(z, [...x.shape.slice(0, -1), layer.outFeatures]);
      },
    };
  }
  if (layer instanceof ReLU) return { count: 0, fn: (x) => tf.relu(x) };
  if (layer instanceof LeakyReLU) return { count: 0, fn: (x) => tf.leakyRelu(x, layer.alpha) };
  if (layer instanceof Sigmoid) return { count: 0, fn: (x) => tf.sigmoid(x) };
  if (layer instanceof TanH) return { count: 0, fn: (x) => tf.tanh(x) };
  if (layer instanceof Dropout) {
    const mask = layer.mask;
    return { count: 0, fn: (x) => (mask ? tf.mul(x, tf.tensor(mask.data as Float32Array, [...mask.shape])) : x) };
  }
  if (layer instanceof CrossEntropyLoss) {
    if (!y) throw new Error('toTf: CrossEntropyLoss needs labels');
    const labels = Array.from(y);
    return {
      count: 0,
      fn: (x) => {
        const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), x.shape[1] as number);
        return tf.losses.softmaxCrossEntropy(onehot, x, undefined, undefined, tf.Reduction.MEAN);
      },
    };
  }
  if (layer instanceof MSELoss) {
    if (!y) throw new Error('toTf: MSELoss needs targets');
    const targets = Float32Array.from(y);
    // Written as its definition (mean of squared differences), not through tf.losses.
    return { count: 0, fn: (x) => tf.mean(tf.square(tf.sub(x, tf.tensor(targets, x.shape)))) };
  }
  if (layer instanceof Sequential || layer instanceof MLP) {
    const parts = (layer instanceof MLP ? layer.sequence.layers : layer.layers).map((l) => toTf(l, y));
    return {
      count: parts.reduce((s, p) => s + p.count, 0),
      fn: (x, params) => {
        let out = x;
        let at = 0;
        for (const p of parts) {
          out = p.fn(out, params.slice(at, at + p.count));
          at += p.count;
        }
        return out;
      },
    };
  }
  throw new Error(`toTf: no tfjs counterpart for ${layer}`);
}

export interface Reference {
  /** The layer's output. */
  out: Float32Array;
  outShape: number[];
  /** dL/dx and dL/dp for every parameter, for the output gradient given. */
  dx: Float32Array;
  dparams: Float32Array[];
}

/** Output and gradients of `layer` computed by tfjs on (x, y) with output gradient `dz` (1 for a scalar when omitted). */
export function tfReference(layer: Layer, x: Tensor, y: ArrayLike<number> | undefined, dz: Tensor | undefined): Reference {
  const { fn, count } = toTf(layer, y);
  const params = layer.params();
  if (params.length !== count) throw new Error(`tfReference: ${params.length} parameters against ${count} in the tfjs rebuild`);
  // tidy keeps the tensors it returns; reading them out inside would make it walk every value.
  const [out, ...grads] = tf.tidy(() => {
    const xs = tf.tensor(Float32Array.from(x.data), [...x.shape]);
    const ps = params.map((p) => tf.tensor(Float32Array.from(p.value.data), [...p.value.shape]));
    const f = (...args: tf.Tensor[]): tf.Tensor => fn(args[0], args.slice(1));
    const dy = dz ? tf.tensor(Float32Array.from(dz.data), [...dz.shape]) : undefined;
    return [f(xs, ...ps), ...tf.grads(f)([xs, ...ps], dy)];
  });
  const ref = {
    out: out.dataSync() as Float32Array,
    outShape: out.shape,
    dx: grads[0].dataSync() as Float32Array,
    dparams: grads.slice(1).map((g) => g.dataSync() as Float32Array),
  };
  tf.dispose([out, ...grads]);
  return ref;
}

export interface Comparison {
  forward: number;
  input: number;
  params: number[];
  /** The largest of all. */
  max: number;
}

/**
 * The homework's `compare_layer_to_torch` against tfjs: forward (y to the layer), a seeded
 * random output gradient dz (none for a scalar loss), the engine's backward(dz), then tfjs's
 * gradients of the same computation. Parameter gradients are compared with the reference
 * gradients accumulated over every `compare` of the same layer, as PyTorch's `.grad` sums
 * them: the engine must accumulate too. Prints `input    diff=…`, `param#01 diff=…`.
 */
export class TfComparer {
  private readonly sums = new Map<Layer, Float32Array[]>();

  compare(layer: Layer, x: Tensor, y?: ArrayLike<number>, seed = 42): Comparison {
    const z = layer.forward(x, y);
    const scalar = z.shape.length === 0;
    const dz = scalar ? undefined : Tensor.randn(z.shape, createRng(seed));
    const dx = layer.backward(dz);
    const ref = tfReference(layer, x, y, dz);
    const prev = this.sums.get(layer);
    const sums = ref.dparams.map((g, i) => (prev ? prev[i].map((v, j) => v + g[j]) : g));
    this.sums.set(layer, sums);

    const forward = shapesEqual(z.shape, ref.outShape) ? relError(z.data, ref.out) : Infinity;
    const input = shapesEqual(dx.shape, x.shape) ? relError(dx.data, ref.dx) : Infinity;
    const params = layer.params().map((p, i) => relError(p.grad.data, sums[i]));
    const lines = ['Comparing gradients... ', line('output', forward), line('input', input), ...params.map((e, i) => line(`param#${String(i + 1).padStart(2, '0')}`, e))];
    console.log(lines.join('\n'));
    return { forward, input, params, max: Math.max(forward, input, ...params) };
  }
}

function line(label: string, rel: number): string {
  return `${label.padEnd(8)} diff=${rel.toFixed(3)}  (relative ${rel.toExponential(1)})`;
}

function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

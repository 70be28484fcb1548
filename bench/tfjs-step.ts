/*
 * The reference training step in TensorFlow.js, on its cpu backend and on its wasm backend
 * (SIMD, one thread), for the engine benchmark.
 *
 * Node loads the packages' CommonJS bundles, which carry no gradient definitions; the
 * package's `register_all_gradients` module cannot be loaded by Node's ES-module resolver
 * (its `./gradients` import names both a file and a directory), so the gradients this
 * step needs are registered one by one from their own modules.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { addGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Add_grad.js';
import { batchMatMulGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchMatMul_grad.js';
import { divGradConfig } from '@tensorflow/tfjs-core/dist/gradients/RealDiv_grad.js';
import { reluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Relu_grad.js';
import { sumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sum_grad.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

for (const g of [addGradConfig, batchMatMulGradConfig, divGradConfig, reluGradConfig, sumGradConfig]) tf.registerGradient(g);
// Quiet the "install tfjs-node" banner; PROD also skips tfjs's per-op NaN checks (off by default anyway).
tf.env().set('PROD', true);

export type TfBackend = 'cpu' | 'wasm';

let wasmReady = false;

/**
 * Switches tfjs to `name`. The wasm backend is pointed at the SIMD binary only (the other
 * two names lead nowhere), with threads off, so it either runs SIMD on one thread or fails.
 */
export async function useBackend(name: TfBackend): Promise<string> {
  if (name === 'wasm' && !wasmReady) {
    const dir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    const missing = join(dir, 'no-such-binary.wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': missing,
      'tfjs-backend-wasm-simd.wasm': join(dir, 'tfjs-backend-wasm-simd.wasm'),
      'tfjs-backend-wasm-threaded-simd.wasm': missing,
    });
    wasmReady = true;
  }
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`tfjs: could not switch to the ${name} backend (now ${tf.getBackend()})`);
  if (name === 'wasm') return `wasm (SIMD binary, ${getThreadsCount()} thread)`;
  return name;
}

/** An MLP in tfjs with given weights, given in the engine's layout (W as [out, in], b as [out]). */
export interface TfMlpStep {
  /** One step on (x, labels); returns the loss before the update. */
  step(): number;
  /** The current weights, in the engine's layout. */
  weights(): Float32Array[];
  dispose(): void;
}

/** [rows, cols] row-major → [cols, rows]. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

export type TfOptimizer = { kind: 'sgd'; lr: number } | { kind: 'adam'; lr: number; beta1: number; beta2: number; eps: number };

/**
 * Each layer's W is held in tfjs's natural [in, out] layout (as tf.layers.dense keeps its
 * kernel), so the forward pass is a plain x·W: the layout tfjs's users have, and the one its
 * wasm backend multiplies fastest. Weights are transposed only on the way in and out.
 */
export function tfMlpStep(
  weights: { w: Float32Array; b: Float32Array; shape: [number, number] }[],
  x: Float32Array,
  xShape: [number, number],
  labels: Int32Array,
  classes: number,
  optimizer: number | TfOptimizer,
): TfMlpStep & { setBatch(x: Float32Array, labels: Int32Array): void } {
  const vars = weights.flatMap((l) => [tf.variable(tf.tensor2d(transpose(l.w, l.shape[0], l.shape[1]), [l.shape[1], l.shape[0]])), tf.variable(tf.tensor1d(l.b))]);
  let xs = tf.tensor2d(x, xShape);
  let onehot = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes));
  const o: TfOptimizer = typeof optimizer === 'number' ? { kind: 'sgd', lr: optimizer } : optimizer;
  const opt = o.kind === 'sgd' ? tf.train.sgd(o.lr) : tf.train.adam(o.lr, o.beta1, o.beta2, o.eps);
  const loss = (): tf.Scalar => {
    let h: tf.Tensor = xs;
    for (let i = 0; i < vars.length; i += 2) {
      h = tf.add(tf.matMul(h, vars[i]), vars[i + 1]);
      if (i + 2 < vars.length) h = tf.relu(h);
    }
    return tf.losses.softmaxCrossEntropy(onehot, h) as tf.Scalar;
  };
  return {
    step() {
      const l = opt.minimize(loss, true, vars);
      if (!l) throw new Error('tfjs: minimize returned no loss');
      const v = l.dataSync()[0];
      l.dispose();
      return v;
    },
    setBatch(nx, nl) {
      tf.dispose([xs, onehot]);
      xs = tf.tensor2d(nx, [nl.length, xShape[1]]);
      onehot = tf.tidy(() => tf.oneHot(tf.tensor1d(nl, 'int32'), classes));
    },
    weights() {
      return vars.map((v, i) => {
        const d = v.dataSync() as Float32Array;
        return i % 2 === 0 ? transpose(d, v.shape[0], v.shape[1] as number) : d;
      });
    },
    dispose() {
      tf.dispose([...vars, xs, onehot]);
      opt.dispose();
    },
  };
}

export function tfTensorCount(): number {
  return tf.memory().numTensors;
}

import { Dropout, type Layer, type Sequential, type Tensor } from '../engine';
import type { Targets } from './datasets';
import { firstNonFinite } from './summary';

/** What one pass left behind, per layer of the Sequential. */
export interface Trace {
  /** inputs[i] is what layer i received; outputs[i] what it returned. */
  inputs: Tensor[];
  outputs: Tensor[];
  /** dOuts[i] = dL/d(outputs[i]) (undefined for the loss: it starts the chain with 1). */
  dOuts: (Tensor | undefined)[];
  /** dIns[i] = dL/d(inputs[i]). */
  dIns: Tensor[];
}

export function emptyTrace(): Trace {
  return { inputs: [], outputs: [], dOuts: [], dIns: [] };
}

/** Runs layer i forward on the last output (or x), recording both. */
export function forwardLayer(model: Sequential, trace: Trace, i: number, x: Tensor, y: Targets): Tensor {
  const input = i === 0 ? x : trace.outputs[i - 1];
  const out = model.layers[i].forward(input, y);
  trace.inputs[i] = input;
  trace.outputs[i] = out;
  return out;
}

/** Runs layer i backward with the gradient that layer i+1 returned (none for the last layer). */
export function backwardLayer(model: Sequential, trace: Trace, i: number): Tensor {
  const last = model.layers.length - 1;
  const dout = i === last ? undefined : trace.dIns[i + 1];
  const dIn = model.layers[i].backward(dout);
  trace.dOuts[i] = dout;
  trace.dIns[i] = dIn;
  return dIn;
}

export function forwardAll(model: Sequential, x: Tensor, y: Targets): Trace {
  const t = emptyTrace();
  for (let i = 0; i < model.layers.length; i++) forwardLayer(model, t, i, x, y);
  return t;
}

export function backwardAll(model: Sequential, trace: Trace): void {
  model.zeroGrad();
  for (let i = model.layers.length - 1; i >= 0; i--) backwardLayer(model, trace, i);
}

/** Fraction of rows whose highest score is the label. */
export function accuracy(scores: Tensor, y: Int32Array): number {
  const [n, c] = scores.shape;
  if (!n) return 0;
  const d = scores.data;
  let right = 0;
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let k = 1; k < c; k++) if (d[r * c + k] > d[r * c + best]) best = k;
    if (best === y[r]) right++;
  }
  return right / n;
}

/** The first layer, in order, whose parameters or output hold a NaN or an infinity. */
export function firstNonFiniteLayer(model: Sequential, trace: Trace): { index: number; where: 'output' | 'parameters' } | null {
  const badParams = (l: Layer) => l.params().some((p) => firstNonFinite(p.value.data) >= 0);
  for (let i = 0; i < model.layers.length; i++) {
    if (badParams(model.layers[i])) return { index: i, where: 'parameters' };
    const out = trace.outputs[i];
    if (out && firstNonFinite(out.data) >= 0) return { index: i, where: 'output' };
  }
  return null;
}

/**
 * Runs `fn` and puts every dropout generator back where it was: passes the user runs to
 * look at the network draw the same masks each time and leave the training run's random
 * stream untouched, so a seed still reproduces the same training curve.
 */
export function keepingRandomState<T>(model: Sequential, fn: () => T): T {
  const rngs = model.layers.filter((l): l is Dropout => l instanceof Dropout).map((l) => l.rng);
  const states = rngs.map((r) => r.getState());
  try {
    return fn();
  } finally {
    rngs.forEach((r, i) => r.setState(states[i]));
  }
}

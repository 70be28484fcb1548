import { Linear, ReLU, Tensor, createRng } from '../engine';
import { jacobianStructure } from '../runtime/jacobian';
import type { JacobianStructure } from '../runtime/jacobian/types';
import { summarize, type TensorSummary } from '../runtime/summary';

/**
 * jsdom has no 2-D canvas and reports each getContext call as an error on the console; tests
 * that are not about that stub it to return null quietly, as a context-less browser would.
 */
export function quietCanvas(): () => void {
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof original;
  return () => {
    HTMLCanvasElement.prototype.getContext = original;
  };
}

/** Normal(0, std) values from the engine's seeded generator. */
export function randn(n: number, std: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * std;
  return out;
}

/** A Linear layer run forward on a random batch, and its Jacobian w.r.t. `wrt`. */
export function linearJacobian(n: number, inF: number, outF: number, wrt: 'input' | 'w' | 'b' = 'input', seed = 1): { layer: Linear; x: Tensor; j: JacobianStructure } {
  const layer = new Linear(inF, outF, { wstd: 0.1, rng: createRng(seed) });
  const x = new Tensor(randn(n * inF, 1, seed + 1), [n, inF]);
  layer.forward(x);
  return { layer, x, j: jacobianStructure(layer, wrt) };
}

/** A ReLU run forward on [n, f] values (about half of them negative, so dead), and its Jacobian. */
export function reluJacobian(n: number, f: number, seed = 3): { x: Tensor; j: JacobianStructure } {
  const layer = new ReLU();
  const x = new Tensor(randn(n * f, 1, seed), [n, f]);
  layer.forward(x);
  return { x, j: jacobianStructure(layer, 'input') };
}

export function summaryOf(values: ArrayLike<number>, shape: number[]): TensorSummary {
  return summarize({ shape, data: Float32Array.from(values) });
}

/** What a fake 2-D context recorded. */
export interface CanvasLog {
  images: { data: Uint8ClampedArray; width: number; height: number }[];
  arcs: number;
}

/**
 * Gives every canvas a minimal recording 2-D context (and ImageData, which jsdom lacks), so tests
 * can see what was drawn and how often. Returns the log and the undo function.
 */
export function fakeCanvas(): { log: CanvasLog; restore: () => void } {
  const log: CanvasLog = { images: [], arcs: 0 };
  const original = HTMLCanvasElement.prototype.getContext;
  const g = globalThis as { ImageData?: unknown };
  const hadImageData = 'ImageData' in g;
  const originalImageData = g.ImageData;
  class FakeImageData {
    constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
  }
  g.ImageData = FakeImageData;
  const noop = () => {};
  const ctx = {
    putImageData: (img: FakeImageData) => log.images.push({ data: img.data, width: img.width, height: img.height }),
    arc: () => void log.arcs++,
    setTransform: noop,
    clearRect: noop,
    beginPath: noop,
    fill: noop,
    stroke: noop,
  };
  HTMLCanvasElement.prototype.getContext = (() => ctx) as unknown as typeof original;
  return {
    log,
    restore: () => {
      HTMLCanvasElement.prototype.getContext = original;
      if (hadImageData) g.ImageData = originalImageData;
      else delete g.ImageData;
    },
  };
}

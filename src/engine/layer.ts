import type { Rng } from './rng';
import type { DType, Tensor } from './tensor';

/** One trainable tensor of a layer with the gradient that backward accumulates into it. */
export interface Param {
  name: string;
  value: Tensor;
  grad: Tensor;
}

/**
 * A computation block with a hand-written backward pass ("poor man's autograd"):
 * `forward` computes the output and keeps what the backward pass needs; `backward`
 * takes dL/d(output) and returns dL/d(input) — a vector-Jacobian product, never a
 * materialised Jacobian — storing the parameters' gradients on the layer; `jvp` pushes
 * tangents of the input and parameters forward to a tangent of the output (Jacobian-vector
 * product), the forward-mode dual of backward.
 */
export abstract class Layer {
  /** Training mode (dropout active) or evaluation mode. */
  training = true;

  abstract forward(x: Tensor, y?: ArrayLike<number>): Tensor;

  abstract backward(dout?: Tensor): Tensor;

  /**
   * Forward-mode derivative at the point of the last forward pass (the Jacobian-vector
   * product, dual of `backward`): given a tangent `dx` of the input (the last input's shape;
   * null for a zero tangent) and optionally tangents `dparams` of the parameters (one entry per
   * `params()` entry, in order, each of that parameter's shape or null for zero), returns the
   * tangent of the output, of the output's shape (a loss: shape []):
   *   dz = (∂z/∂x)·dx + Σᵢ (∂z/∂θᵢ)·dθᵢ.
   * For every u of the output's shape, ⟨u, dz⟩ = ⟨backward(u), dx⟩ + Σᵢ ⟨gradient u gives θᵢ, dθᵢ⟩.
   * Uses only what forward stashed (as backward does) and changes nothing: gradients and
   * stashed state stay as they were, so any number of JVPs may follow one forward. Random
   * layers reuse the last forward's draws (Dropout: its mask). Labels are data: no tangent.
   */
  abstract jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor;

  /**
   * The backward pass of a training step, where nothing needs dL/d(input): accumulates
   * exactly the parameter gradients `backward(dout)` would, and may skip computing the
   * input gradient (Linear does, saving its largest product). Returns nothing.
   */
  backwardParams(dout?: Tensor): void {
    this.backward(dout);
  }

  /** The layer's parameters with their gradients, in a fixed order (Linear: w, then b). */
  params(): Param[] {
    return [];
  }

  /** Layers nested inside this one (Sequential, MLP). */
  children(): readonly Layer[] {
    return [];
  }

  zeroGrad(): void {
    for (const p of this.params()) p.grad.data.fill(0);
  }

  /** Switches training mode on (default) or off, here and in every nested layer. */
  train(mode = true): this {
    this.training = mode;
    for (const c of this.children()) c.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /**
   * An independent copy with the same parameters (converted to `dtype`), the same mode,
   * and random generators continuing from the same state, so the copy draws the same
   * dropout masks as the original would. `rngs` maps the generators already copied for
   * this copy: layers that share a generator share its copy (containers pass it down).
   */
  abstract clone(dtype?: DType, rngs?: Map<Rng, Rng>): Layer;

  abstract toString(): string;

  /** Same as forward (the homework's layers are callable). */
  call(x: Tensor, y?: ArrayLike<number>): Tensor {
    return this.forward(x, y);
  }
}

/** Every layer of a tree, depth first (the layer itself first). */
export function* walkLayers(layer: Layer): Generator<Layer> {
  yield layer;
  for (const c of layer.children()) yield* walkLayers(c);
}

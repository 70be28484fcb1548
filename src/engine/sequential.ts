import { checkParamTangents } from './checks';
import { Layer, type Param } from './layer';
import type { Rng } from './rng';
import type { DType, Tensor } from './tensor';

/** The layer methods a Sequential reports to its observer. */
export type LayerCall = 'forward' | 'jvp' | 'backward';

/**
 * Layers applied in order. The labels `y` go to every layer (only a loss uses them);
 * backward runs the layers in reverse, each receiving the gradient the next returned;
 * jvp runs them in order, each receiving the tangent the previous returned (chain rule:
 * the tangent of z = fₖ(…f₁(x)) is Jₖ(…J₁·dx + ∂f₁/∂θ₁·dθ₁…) + ∂fₖ/∂θₖ·dθₖ).
 */
export class Sequential extends Layer {
  readonly layers: Layer[];
  /**
   * Called just before this Sequential calls one of its layers' forward, jvp, backward or
   * backwardParams (the last two as 'backward'), for cost accounting; null: nobody listens.
   * Not copied by clone.
   */
  observer: ((layer: Layer, op: LayerCall) => void) | null = null;

  constructor(...layers: Layer[]) {
    super();
    layers.forEach((l, i) => {
      if (!(l instanceof Layer)) throw new TypeError(`Sequential: expected a Layer at position ${i}, got ${String(l)}`);
    });
    this.layers = layers;
  }

  forward(x: Tensor, y?: ArrayLike<number>): Tensor {
    let out = x;
    for (const l of this.layers) {
      this.observer?.(l, 'forward');
      out = l.forward(out, y);
    }
    return out;
  }

  backward(dout?: Tensor): Tensor {
    if (this.layers.length === 0) {
      if (!dout) throw new Error('Sequential.backward: expected dout for an empty Sequential, got nothing');
      return dout;
    }
    let g = dout;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      this.observer?.(this.layers[i], 'backward');
      g = this.layers[i].backward(g);
    }
    return g as Tensor;
  }

  /**
   * The layers' JVPs in order: layer i gets the tangent layer i−1 returned (dx for the first)
   * and its own slice of `dparams` (laid out as `params()`). An empty Sequential is the
   * identity, so it returns dx (and needs one).
   */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    const params = this.params();
    // Named by kind alone: the full listing would bury the message.
    checkParamTangents({ toString: () => 'Sequential' }, dparams, params);
    if (this.layers.length === 0) {
      if (!dx) throw new Error('Sequential.jvp: expected dx for an empty Sequential, got nothing');
      return dx;
    }
    let t = dx;
    let at = 0;
    for (const l of this.layers) {
      const count = dparams ? l.params().length : 0;
      this.observer?.(l, 'jvp');
      t = l.jvp(t, dparams ? dparams.slice(at, at + count) : undefined);
      at += count;
    }
    return t as Tensor;
  }

  /**
   * Backward for a training step: layers before the first one with parameters are skipped
   * (no parameter depends on their input gradient), that layer runs `backwardParams`, and
   * every later layer a full `backward`.
   */
  override backwardParams(dout?: Tensor): void {
    const layers = this.layers;
    let first = layers.findIndex((l) => l.params().length > 0);
    if (first < 0) first = 0;
    if (layers.length === 0) {
      this.backward(dout);
      return;
    }
    let g = dout;
    for (let i = layers.length - 1; i > first; i--) {
      this.observer?.(layers[i], 'backward');
      g = layers[i].backward(g);
    }
    this.observer?.(layers[first], 'backward');
    layers[first].backwardParams(g);
  }

  /** Every layer's parameters in order, named `<index>.<name>` as in a PyTorch state dict. */
  override params(): Param[] {
    const out: Param[] = [];
    this.layers.forEach((l, i) => {
      for (const p of l.params()) out.push({ ...p, name: `${i}.${p.name}` });
    });
    return out;
  }

  override children(): readonly Layer[] {
    return this.layers;
  }

  get length(): number {
    return this.layers.length;
  }

  clone(dtype?: DType, rngs: Map<Rng, Rng> = new Map()): Sequential {
    const c = new Sequential(...this.layers.map((l) => l.clone(dtype, rngs)));
    c.training = this.training;
    return c;
  }

  toString(): string {
    return listLayers('Sequential', this.layers);
  }
}

export function listLayers(title: string, layers: readonly Layer[]): string {
  return [title, ...layers.map((l, i) => `\t[${i}] ${String(l).replace(/\n/g, '\n\t')}`)].join('\n');
}

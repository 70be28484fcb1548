import { checkNumber, Tensor, createRng, type Layer, type Rng } from '../../engine';
import { lossOf, measured, writeGrads, zerosLike } from './run';
import type { Estimate, GradientEstimator } from './types';

export interface ForwardGradientOptions {
  /** Number of random tangents k averaged per estimate (default 1). */
  tangents?: number;
  /** Seed of the tangents' generator (default 0); successive estimates continue its stream. */
  seed?: number;
}

/**
 * The forward gradient (Baydin, Pearlmutter, Syme, Wood, Torr 2022, "Gradients without
 * Backpropagation"): for a tangent v ~ N(0, I) over all parameters, one JVP gives the
 * directional derivative ∇L·v, and g = (∇L·v)·v is an unbiased estimate of ∇L
 * (E[vvᵀ] = I). With k tangents, g = (1/k) Σ (∇L·vᵢ)·vᵢ; its squared error has mean
 * (P + 1)·‖∇L‖²/k for P parameters, so the error shrinks as 1/√k. Cost: 1 forward + k JVPs.
 */
export class ForwardGradient implements GradientEstimator {
  readonly kind = 'forward-gradient' as const;
  readonly tangents: number;
  private readonly rng: Rng;

  constructor(options: ForwardGradientOptions = {}) {
    this.tangents = checkNumber('ForwardGradient', 'tangents', options.tangents ?? 1, { integer: true, min: 1 });
    this.rng = createRng(checkNumber('ForwardGradient', 'seed', options.seed ?? 0, {}));
  }

  estimate(model: Layer, x: Tensor, y?: ArrayLike<number>): Estimate {
    return measured(model, () => {
      const loss = lossOf(this.kind, model.forward(x, y));
      const params = model.params();
      const sum = zerosLike(params);
      for (let k = 0; k < this.tangents; k++) {
        const v = params.map((p) => Tensor.randn(p.value.shape, this.rng, 1, p.value.dtype));
        const d = model.jvp(null, v).data[0];
        v.forEach((t, i) => {
          const s = sum[i];
          for (let j = 0; j < s.length; j++) s[j] += d * t.data[j];
        });
      }
      writeGrads(params, sum, 1 / this.tangents);
      return { loss };
    });
  }
}

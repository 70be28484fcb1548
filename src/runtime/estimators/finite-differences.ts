import { checkNumber, type Layer, type Tensor } from '../../engine';
import { DropoutReplay } from './dropout-replay';
import { lossOf, measured } from './run';
import { defaultStep } from './step-size';
import type { Estimate, GradientEstimator } from './types';

export interface FiniteDifferencesOptions {
  /** The step h, relative to parameters larger than 1 (default by the parameters' dtype: see defaultStep). */
  step?: number;
}

/**
 * Central finite differences, one parameter scalar at a time:
 *   ∂L/∂θⱼ ≈ (L(θ + hⱼ·eⱼ) − L(θ − hⱼ·eⱼ)) / (2hⱼ),   hⱼ = h·max(1, |θⱼ|),
 * exact for a quadratic loss, with error O(hⱼ²) otherwise. The step grows with large
 * parameters so that θⱼ ± hⱼ stays distinct from θⱼ in float32, and the difference is
 * divided by the step actually taken (θⱼ ± hⱼ rounded to the parameter's dtype). Cost:
 * 2P forward passes for P parameters, +1 for the loss itself.
 */
export class FiniteDifferences implements GradientEstimator {
  readonly kind = 'finite-differences' as const;
  readonly step: number | undefined;

  constructor(options: FiniteDifferencesOptions = {}) {
    this.step = options.step === undefined ? undefined : checkNumber('FiniteDifferences', 'step', options.step, { min: 0, minExclusive: true });
  }

  estimate(model: Layer, x: Tensor, y?: ArrayLike<number>): Estimate {
    return measured(model, () => {
      const replay = new DropoutReplay(model);
      try {
        const loss = lossOf(this.kind, model.forward(x, y));
        replay.keep();
        const at = (): number => {
          replay.rewind();
          return lossOf(this.kind, model.forward(x, y));
        };
        for (const p of model.params()) {
          const h = this.step ?? defaultStep(p.value.dtype);
          const w = p.value.data;
          const g = p.grad.data;
          for (let j = 0; j < w.length; j++) {
            const orig = w[j];
            const hj = h * Math.max(1, Math.abs(orig));
            try {
              w[j] = orig + hj;
              const up = w[j];
              const lp = at();
              w[j] = orig - hj;
              const down = w[j];
              const lm = at();
              g[j] = (lp - lm) / (up - down);
            } finally {
              w[j] = orig;
            }
          }
        }
        return { loss };
      } finally {
        replay.finish();
      }
    });
  }
}

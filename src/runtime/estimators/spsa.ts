import { checkNumber, createRng, type Layer, type Rng, type Tensor } from '../../engine';
import { DropoutReplay } from './dropout-replay';
import { lossOf, measured, writeGrads, zerosLike } from './run';
import { defaultStep } from './step-size';
import type { Estimate, GradientEstimator } from './types';

export interface SpsaOptions {
  /** The perturbation size c (default by the parameters' dtype: see defaultStep). */
  step?: number;
  /** Number of perturbations averaged per estimate (default 1). */
  samples?: number;
  /** Seed of the perturbations' generator (default 0); successive estimates continue its stream. */
  seed?: number;
}

/**
 * Simultaneous perturbation stochastic approximation (Spall 1992): every parameter moves
 * at once by c·Δ, Δ a vector of independent Rademacher signs (±1, each with probability ½):
 *   g = (L(θ + c·Δ) − L(θ − c·Δ)) / (2c) · Δ⁻¹,   where Δ⁻¹ = Δ for signs.
 * For a quadratic loss g = (∇L·Δ)·Δ exactly, an unbiased estimate of ∇L (E[ΔΔᵀ] = I).
 * With `samples` perturbations the estimates are averaged. Cost: 2 forward passes per
 * sample, however many parameters. The loss at θ itself is never evaluated: the estimate
 * reports the mean of the perturbed losses (O(c²) from L(θ)).
 */
export class Spsa implements GradientEstimator {
  readonly kind = 'spsa' as const;
  readonly step: number | undefined;
  readonly samples: number;
  private readonly rng: Rng;

  constructor(options: SpsaOptions = {}) {
    this.step = options.step === undefined ? undefined : checkNumber('Spsa', 'step', options.step, { min: 0, minExclusive: true });
    this.samples = checkNumber('Spsa', 'samples', options.samples ?? 1, { integer: true, min: 1 });
    this.rng = createRng(checkNumber('Spsa', 'seed', options.seed ?? 0, {}));
  }

  estimate(model: Layer, x: Tensor, y?: ArrayLike<number>): Estimate {
    return measured(model, () => {
      const params = model.params();
      const saved = params.map((p) => p.value.data.slice());
      const sum = zerosLike(params);
      const replay = new DropoutReplay(model);
      let lossSum = 0;
      try {
        const signs = zerosLike(params);
        const c = this.step ?? defaultStep(params.length ? params[0].value.dtype : 'float32');
        for (let s = 0; s < this.samples; s++) {
          drawSigns(this.rng, signs);
          const shift = (sign: 1 | -1): number => {
            params.forEach((p, i) => {
              const w = p.value.data;
              const o = saved[i];
              const d = signs[i];
              for (let j = 0; j < w.length; j++) w[j] = o[j] + sign * c * d[j];
            });
            replay.rewind();
            const l = lossOf(this.kind, model.forward(x, y));
            replay.keep();
            return l;
          };
          const lp = shift(1);
          const lm = shift(-1);
          lossSum += lp + lm;
          const scale = (lp - lm) / (2 * c);
          sum.forEach((acc, i) => {
            const d = signs[i];
            for (let j = 0; j < acc.length; j++) acc[j] += scale * d[j];
          });
        }
      } finally {
        params.forEach((p, i) => p.value.data.set(saved[i]));
        replay.finish();
      }
      writeGrads(params, sum, 1 / this.samples);
      return { loss: lossSum / (2 * this.samples), exactLoss: false };
    });
  }
}

/**
 * Fills `out` (parameter after parameter) with independent ±1 signs, 32 from each 32-bit
 * draw (bit b of the draw gives the sign of entry b of its group: 1 → +1, 0 → −1): drawing
 * a generator value per sign would cost SPSA more than its two forward passes on small batches.
 */
export function drawSigns(rng: Rng, out: readonly Float64Array[]): void {
  let k = 0;
  let bits = 0;
  for (const d of out) {
    for (let j = 0; j < d.length; j++, k++) {
      if ((k & 31) === 0) bits = rng.nextUint32();
      d[j] = (bits >>> (k & 31)) & 1 ? 1 : -1;
    }
  }
}

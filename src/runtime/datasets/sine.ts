import { createRng } from '../../engine';
import { allocateRegression, checkGeneratorArgs, type GeneratorOptions } from './dataset';
import type { Dataset } from './types';

/** The sine's inputs span one period around 0. */
export const SINE_HALF_WIDTH = Math.PI;

/**
 * A noisy sine, the classic 1-D regression: x uniform in [−π, π], target sin(x) plus
 * Gaussian noise of standard deviation `noise`. The best possible fit leaves the noise, so
 * the best R² is about 0.5 / (0.5 + noise²) (0.98 at noise 0.1). Samples in draw order.
 */
export function sine({ samples, noise }: GeneratorOptions, seed: number): Dataset {
  checkGeneratorArgs('sine', samples, noise, 1);
  const rng = createRng(seed);
  const data = allocateRegression('sine', samples, 1);
  for (let i = 0; i < samples; i++) {
    const x = SINE_HALF_WIDTH * (2 * rng.uniform() - 1);
    data.x[i] = x;
    data.targets[i] = Math.sin(x) + noise * rng.normal();
  }
  return data;
}

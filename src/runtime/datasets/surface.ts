import { createRng } from '../../engine';
import { allocateRegression, checkGeneratorArgs, type GeneratorOptions } from './dataset';
import type { Dataset } from './types';

/** The surface's inputs fill the square [−2, 2]². */
export const SURFACE_HALF_WIDTH = 2;

/** The noiseless surface: a ridge of sin(x1)·cos(x2) waves, in [−1, 1]. */
export function surfaceHeight(x1: number, x2: number): number {
  return Math.sin(x1 * 1.5) * Math.cos(x2);
}

/**
 * A 2-D regression surface: (x1, x2) uniform in [−2, 2]², target surfaceHeight(x1, x2)
 * plus Gaussian noise of standard deviation `noise`. Samples in draw order.
 */
export function surface({ samples, noise }: GeneratorOptions, seed: number): Dataset {
  checkGeneratorArgs('surface', samples, noise, 1);
  const rng = createRng(seed);
  const data = allocateRegression('surface', samples, 2);
  for (let i = 0; i < samples; i++) {
    const x1 = SURFACE_HALF_WIDTH * (2 * rng.uniform() - 1);
    const x2 = SURFACE_HALF_WIDTH * (2 * rng.uniform() - 1);
    data.x[2 * i] = x1;
    data.x[2 * i + 1] = x2;
    data.targets[i] = surfaceHeight(x1, x2) + noise * rng.normal();
  }
  return data;
}

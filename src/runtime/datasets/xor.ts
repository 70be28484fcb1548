import { createRng } from '../../engine';
import { allocateDataset, checkGeneratorArgs, classCounts, type GeneratorOptions } from './dataset';
import type { Dataset } from './types';

/** Points keep at least this distance from both axes, so the quadrants are separable. */
export const XOR_MARGIN = 0.1;

/**
 * Two classes by quadrant: class 0 where x·y > 0 (quadrants I and III), class 1 where
 * x·y < 0 (II and IV), each quadrant of a class chosen with probability ½. Each coordinate's
 * magnitude is uniform in [0.1, 1]. `classes` is ignored: there are always 2.
 *
 * Noise: standard deviation of Gaussian noise added to each coordinate after the label is
 * fixed. Range: [-1, 1]² without noise, about ±(1 + 3·noise) with it. Ordered by class.
 */
export function xor({ samples, noise }: GeneratorOptions, seed: number): Dataset {
  checkGeneratorArgs('xor', samples, noise, 2);
  const rng = createRng(seed);
  const data = allocateDataset('xor', samples, 2, 2);
  const magnitude = (): number => XOR_MARGIN + (1 - XOR_MARGIN) * rng.uniform();
  let i = 0;
  classCounts(samples, 2).forEach((n, label) => {
    for (let s = 0; s < n; s++, i++) {
      const sx = rng.uniform() < 0.5 ? -1 : 1;
      const sy = label === 0 ? sx : -sx;
      data.x[2 * i] = sx * magnitude() + noise * rng.normal();
      data.x[2 * i + 1] = sy * magnitude() + noise * rng.normal();
      data.y[i] = label;
    }
  });
  return data;
}

import { createRng } from '../../engine';
import { allocateDataset, checkGeneratorArgs, classCounts, type GeneratorOptions } from './dataset';
import type { Dataset } from './types';

/** Radians each arm turns from the centre to radius 1 (CS231n's spiral uses 4). */
export const SPIRAL_TURN = 4;

/**
 * K interleaved spiral arms, one per class (the CS231n spiral). Arm k's i-th of n points
 * has radius r = (i + 1) / n and angle θ = 2πk/K + 4r + noise·N(0, 1), at (r cos θ, r sin θ).
 * The arms start evenly spaced for any K (CS231n offsets them by 4 rad, which only spaces
 * three arms reasonably), and radii start just above 0 so no two classes share the origin.
 *
 * Noise: standard deviation of the angle, in radians (0.2 is CS231n's). Range: every point
 * lies in the unit disc, whatever the noise. Samples are ordered by class.
 */
export function spiral({ samples, noise, classes = 3 }: GeneratorOptions, seed: number): Dataset {
  checkGeneratorArgs('spiral', samples, noise, classes);
  const rng = createRng(seed);
  const data = allocateDataset('spiral', samples, 2, classes);
  let i = 0;
  classCounts(samples, classes).forEach((n, k) => {
    const offset = (2 * Math.PI * k) / classes;
    for (let s = 0; s < n; s++, i++) {
      const r = (s + 1) / n;
      const theta = offset + SPIRAL_TURN * r + noise * rng.normal();
      data.x[2 * i] = r * Math.cos(theta);
      data.x[2 * i + 1] = r * Math.sin(theta);
      data.y[i] = k;
    }
  });
  return data;
}

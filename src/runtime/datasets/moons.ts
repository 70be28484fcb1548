import { createRng } from '../../engine';
import { allocateDataset, checkGeneratorArgs, classCounts, type GeneratorOptions } from './dataset';
import type { Dataset } from './types';

/** scikit-learn's moons span x ∈ [-1, 2], y ∈ [-0.5, 1]; this maps them onto x ∈ [-1, 1]. */
const SCALE = 1 / 1.5;
const SHIFT_X = 0.5;
const SHIFT_Y = 0.25;

/**
 * Two interleaving half-moons (scikit-learn's make_moons, rescaled): class 0 is the upper
 * moon (cos t, sin t), class 1 the lower moon (1 − cos t, 0.5 − sin t), t uniform in [0, π],
 * then shifted by (−0.5, −0.25) and scaled by 1/1.5. `classes` is ignored: there are always 2.
 *
 * Noise: standard deviation of Gaussian noise added to each coordinate of the rescaled
 * points. Range: x ∈ [-1, 1], y ∈ [-0.5, 0.5] without noise, widened by about 3·noise.
 * Samples are ordered by class.
 */
export function moons({ samples, noise }: GeneratorOptions, seed: number): Dataset {
  checkGeneratorArgs('moons', samples, noise, 2);
  const rng = createRng(seed);
  const data = allocateDataset('moons', samples, 2, 2);
  let i = 0;
  classCounts(samples, 2).forEach((n, label) => {
    for (let s = 0; s < n; s++, i++) {
      const t = Math.PI * rng.uniform();
      const px = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
      const py = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      data.x[2 * i] = (px - SHIFT_X) * SCALE + noise * rng.normal();
      data.x[2 * i + 1] = (py - SHIFT_Y) * SCALE + noise * rng.normal();
      data.y[i] = label;
    }
  });
  return data;
}

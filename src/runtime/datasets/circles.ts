import { createRng } from '../../engine';
import { allocateDataset, checkGeneratorArgs, classCounts, type GeneratorOptions } from './dataset';
import type { Dataset } from './types';

/** Class 0 fills the disc of this radius… */
export const CIRCLES_INNER_RADIUS = 0.5;
/** …class 1 the ring between this radius and 1, leaving a gap between them. */
export const CIRCLES_RING_START = 0.7;

/**
 * Two classes: class 0 uniform over the inner disc r ≤ 0.5, class 1 uniform over the
 * ring 0.7 ≤ r ≤ 1 (uniform by area, so the inner disc is not crowded at its centre).
 * `classes` is ignored: there are always 2.
 *
 * Noise: standard deviation of Gaussian noise added to each coordinate after the label
 * is fixed, so large noise mixes the classes. Range: the unit disc without noise,
 * about ±(1 + 3·noise) with it. Samples are ordered by class.
 */
export function circles({ samples, noise }: GeneratorOptions, seed: number): Dataset {
  checkGeneratorArgs('circles', samples, noise, 2);
  const rng = createRng(seed);
  const data = allocateDataset('circles', samples, 2, 2);
  const [nInner, nOuter] = classCounts(samples, 2);
  let i = 0;
  const put = (lo: number, hi: number, count: number, label: number): void => {
    for (let s = 0; s < count; s++, i++) {
      // Inverse CDF of the radius of a point uniform over an annulus: r² is uniform.
      const r = Math.sqrt(lo * lo + rng.uniform() * (hi * hi - lo * lo));
      const a = 2 * Math.PI * rng.uniform();
      data.x[2 * i] = r * Math.cos(a) + noise * rng.normal();
      data.x[2 * i + 1] = r * Math.sin(a) + noise * rng.normal();
      data.y[i] = label;
    }
  };
  put(0, CIRCLES_INNER_RADIUS, nInner, 0);
  put(CIRCLES_RING_START, 1, nOuter, 1);
  return data;
}

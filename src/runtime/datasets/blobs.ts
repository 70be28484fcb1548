import { createRng } from '../../engine';
import { allocateDataset, checkGeneratorArgs, classCounts, type GeneratorOptions } from './dataset';
import type { Dataset } from './types';

/** The blob centres sit on a circle of this radius. */
export const BLOBS_RADIUS = 0.7;

/** Centre of blob k of K: evenly spaced on the circle of radius 0.7, the first at angle 0. */
export function blobCenter(k: number, classes: number): [number, number] {
  const a = (2 * Math.PI * k) / classes;
  return [BLOBS_RADIUS * Math.cos(a), BLOBS_RADIUS * Math.sin(a)];
}

/**
 * K isotropic Gaussian blobs, one per class, centred on a circle of radius 0.7.
 *
 * Noise: the blobs' standard deviation per coordinate (0 puts every point of a class on
 * its centre). Range: about ±(0.7 + 3·noise); the default 0.1 stays within [-1, 1]².
 * Samples are ordered by class.
 */
export function blobs({ samples, noise, classes = 3 }: GeneratorOptions, seed: number): Dataset {
  checkGeneratorArgs('blobs', samples, noise, classes);
  const rng = createRng(seed);
  const data = allocateDataset('blobs', samples, 2, classes);
  let i = 0;
  classCounts(samples, classes).forEach((n, k) => {
    const [cx, cy] = blobCenter(k, classes);
    for (let s = 0; s < n; s++, i++) {
      data.x[2 * i] = cx + noise * rng.normal();
      data.x[2 * i + 1] = cy + noise * rng.normal();
      data.y[i] = k;
    }
  });
  return data;
}

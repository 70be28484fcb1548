import { createRng } from '../../engine';
import { allocateDataset } from './dataset';
import type { Dataset } from './types';

/**
 * The homework's random batch: x ~ N(0, 1) of shape samples × features (torch.randn),
 * then y uniform in [0, classes) (torch.randint), drawn in that order from one seeded stream.
 */
export function randomBatch(samples: number, features: number, classes: number, seed: number): Dataset {
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`randomBatch: samples must be a whole number ≥ 0, got ${samples}`);
  if (!Number.isInteger(features) || features < 1) throw new RangeError(`randomBatch: features must be a whole number ≥ 1, got ${features}`);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`randomBatch: classes must be a whole number ≥ 1, got ${classes}`);
  const rng = createRng(seed);
  const data = allocateDataset('random', samples, features, classes);
  for (let i = 0; i < data.x.length; i++) data.x[i] = rng.normal();
  for (let i = 0; i < samples; i++) data.y[i] = rng.int(classes);
  return data;
}

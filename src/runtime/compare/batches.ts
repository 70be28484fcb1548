import { createRng, type Rng, type Tensor } from '../../engine';
import type { Dataset } from '../datasets';
import { gather } from '../trainer';

export interface Batch {
  x: Tensor;
  y: ArrayLike<number>;
}

/** Gives the next training batch; each estimator of a comparison gets its own, drawing the same sequence. */
export type BatchSource = () => Batch;

/** Keeps the comparison's batch order apart from the other streams drawn from the same seed. */
const ORDER_SALT = 0x636d7072;

/**
 * Mini-batches of a labelled dataset in a shuffled order, reshuffled every epoch: the same
 * seed gives the same sequence of batches, so estimators compared on it see the same data
 * step after step.
 */
export function shuffledBatches(data: Dataset, batchSize: number, seed: number): BatchSource {
  const rng = createRng((seed ^ ORDER_SALT) >>> 0);
  const n = data.y.length;
  if (n === 0) throw new Error('shuffledBatches: the training set is empty');
  const bs = Math.min(batchSize, n);
  let order = shuffled(n, rng);
  let cursor = 0;
  return () => {
    const b = gather(data, order, cursor, Math.min(cursor + bs, n));
    cursor += bs;
    if (cursor >= n) {
      cursor = 0;
      order = shuffled(n, rng);
    }
    return b;
  };
}

function shuffled(n: number, rng: Rng): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

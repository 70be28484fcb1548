import type { Bounds, Dataset } from './types';

/**
 * The extent of each feature over all samples, widened on both sides by `margin` × its
 * span, so a decision-boundary view computed once from the full dataset (train and test)
 * keeps a fixed frame while training runs. A feature with zero span gets ±1 around its
 * value, and an empty dataset gets [-1, 1] per feature, so the extent is never degenerate.
 */
export function dataBounds(data: Dataset, margin = 0.1): Bounds {
  if (!Number.isFinite(margin) || margin < 0) throw new RangeError(`dataBounds: margin must be a finite number ≥ 0, got ${margin}`);
  const f = data.features;
  const n = data.y.length;
  const min = new Array<number>(f).fill(Infinity);
  const max = new Array<number>(f).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) {
      const v = data.x[i * f + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  for (let j = 0; j < f; j++) {
    if (n === 0) {
      min[j] = -1;
      max[j] = 1;
      continue;
    }
    const span = max[j] - min[j];
    const pad = span > 0 ? margin * span : 1;
    min[j] -= pad;
    max[j] += pad;
  }
  return { min, max };
}

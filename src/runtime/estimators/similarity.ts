import type { Layer } from '../../engine';

/** A float64 copy of every parameter's current gradient, in `params()` order. */
export function gradientsOf(model: Layer): Float64Array[] {
  return model.params().map((p) => Float64Array.from(p.grad.data));
}

/**
 * cos ∠(a, b) of two gradients given as lists of parts (one per parameter), over all
 * their entries: 1 when an estimate points where the true gradient does, 0 when it is
 * orthogonal, −1 when opposite. NaN when either is all zeros (no direction) or the two
 * do not have the same layout.
 */
export function cosineSimilarity(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  if (a.length !== b.length) return Number.NaN;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i], v = b[i];
    if (u.length !== v.length) return Number.NaN;
    for (let j = 0; j < u.length; j++) {
      ab += u[j] * v[j];
      aa += u[j] * u[j];
      bb += v[j] * v[j];
    }
  }
  return aa === 0 || bb === 0 ? Number.NaN : ab / Math.sqrt(aa * bb);
}

/** ‖a − b‖ / ‖b‖ over all entries (b the reference); NaN when b is all zeros or the layouts differ. */
export function relativeError(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  if (a.length !== b.length) return Number.NaN;
  let dd = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i], v = b[i];
    if (u.length !== v.length) return Number.NaN;
    for (let j = 0; j < u.length; j++) {
      dd += (u[j] - v[j]) ** 2;
      bb += v[j] * v[j];
    }
  }
  return bb === 0 ? Number.NaN : Math.sqrt(dd / bb);
}

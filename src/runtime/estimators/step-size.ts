import type { DType } from '../../engine';

/**
 * The default perturbation of finite differences and SPSA, by the parameters' dtype: near
 * the cube root of machine epsilon (ε^⅓ ≈ 5e-3 in float32, 6e-6 in float64), the step that
 * balances a central difference's truncation error O(h²) against its rounding error O(ε/h),
 * taken a little smaller (1e-3, 1e-6) so that fewer ReLU kinks fall within reach.
 */
export function defaultStep(dtype: DType): number {
  return dtype === 'float64' ? 1e-6 : 1e-3;
}

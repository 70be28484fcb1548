import type { Dataset } from './datasets';

/**
 * The population variance of a regression dataset's targets: the mean squared error of
 * always predicting their mean, R²'s yardstick. Null for classification data, or no samples.
 */
export function targetVariance(data: Dataset): number | null {
  const t = data.targets;
  if (!t || t.length === 0) return null;
  let mean = 0;
  for (let i = 0; i < t.length; i++) mean += t[i];
  mean /= t.length;
  let s = 0;
  for (let i = 0; i < t.length; i++) s += (t[i] - mean) ** 2;
  return s / t.length;
}

/**
 * The coefficient of determination, 1 − SS_res / SS_tot = 1 − MSE / Var(targets), as
 * scikit-learn's r2_score: 1 for a perfect fit, 0 for predicting the mean, negative when
 * worse. Null when the targets do not vary (R² is undefined then).
 */
export function rSquared(mse: number, variance: number | null): number | null {
  if (variance === null || !(variance > 0)) return null;
  return 1 - mse / variance;
}

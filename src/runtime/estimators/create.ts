import { Backprop } from './backprop';
import { FiniteDifferences, type FiniteDifferencesOptions } from './finite-differences';
import { ForwardGradient, type ForwardGradientOptions } from './forward-gradient';
import { ForwardMode } from './forward-mode';
import { Spsa, type SpsaOptions } from './spsa';
import type { EstimatorKind, GradientEstimator } from './types';

export type EstimatorSpec =
  | { kind: 'backprop' }
  | { kind: 'forward-mode' }
  | ({ kind: 'forward-gradient' } & ForwardGradientOptions)
  | ({ kind: 'finite-differences' } & FiniteDifferencesOptions)
  | ({ kind: 'spsa' } & SpsaOptions);

export const ESTIMATOR_KINDS: readonly EstimatorKind[] = ['backprop', 'forward-mode', 'forward-gradient', 'finite-differences', 'spsa'];

/** An estimator from a plain description (what a document or a message carries). */
export function createEstimator(spec: EstimatorSpec): GradientEstimator {
  switch (spec.kind) {
    case 'backprop':
      return new Backprop();
    case 'forward-mode':
      return new ForwardMode();
    case 'forward-gradient':
      return new ForwardGradient(spec);
    case 'finite-differences':
      return new FiniteDifferences(spec);
    case 'spsa':
      return new Spsa(spec);
    default:
      throw new RangeError(`createEstimator: expected kind to be one of ${ESTIMATOR_KINDS.join(', ')}, got ${JSON.stringify((spec as { kind: unknown }).kind)}`);
  }
}

import type { EstimatorSettings } from '../../model';
import { createEstimator, type EstimatorSpec } from './create';
import type { GradientEstimator } from './types';

/** Keeps the estimators' random directions apart from the weights', the data's and the batch order's streams drawn from the same seed. */
const DIRECTIONS_SALT = 0x65737469;

/** The estimator a document's training settings ask for; its random directions are seeded by the document's seed. */
export function estimatorSpecOf(settings: EstimatorSettings, seed: number): EstimatorSpec {
  const directions = (seed ^ DIRECTIONS_SALT) >>> 0;
  switch (settings.kind) {
    case 'forward-gradient':
      return { kind: 'forward-gradient', tangents: settings.tangents, seed: directions };
    case 'spsa':
      return { kind: 'spsa', samples: settings.samples, seed: directions };
    default:
      return { kind: settings.kind };
  }
}

/**
 * The estimator a training run uses in place of its backward pass; null for backprop, whose
 * gradients come from the run's own backward pass (which also gives the live views dL/d(input)).
 */
export function trainingEstimator(settings: EstimatorSettings | undefined, seed: number): GradientEstimator | null {
  if (!settings || settings.kind === 'backprop') return null;
  return createEstimator(estimatorSpecOf(settings, seed));
}

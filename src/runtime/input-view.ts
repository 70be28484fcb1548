import type { Sequential } from '../engine';
import type { Plan } from '../model';
import { decisionBoundary } from './boundary';
import type { Bounds } from './datasets';
import { FIT_RESOLUTION, regressionFit } from './fit';
import type { TrainProgress } from './protocol';

/** Grid side of the decision boundary. */
export const BOUNDARY_RESOLUTION = 100;

/**
 * Whether training draws a view of the model over its input space: the decision boundary
 * of a classifier on the plane, or the fit of a regression model on a line or the plane.
 */
export function hasInputView(plan: Plan): boolean {
  if (plan.task === 'regression') return (plan.inputFeatures === 1 || plan.inputFeatures === 2) && plan.outputFeatures === 1;
  return plan.inputFeatures === 2;
}

/** The view training sends: `boundary` for a classifier, `fit` for a regression model. */
export function inputView(model: Sequential, plan: Plan, bounds: Bounds, step: number): Pick<TrainProgress, 'boundary' | 'fit'> {
  const hasLoss = !!plan.lossNodeId;
  if (plan.task === 'regression') {
    const fit = regressionFit(model, hasLoss, bounds, FIT_RESOLUTION[plan.inputFeatures as 1 | 2] ?? FIT_RESOLUTION[2], step);
    return fit ? { fit } : {};
  }
  return { boundary: decisionBoundary(model, hasLoss, bounds, BOUNDARY_RESOLUTION, step) };
}

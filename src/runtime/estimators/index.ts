/**
 * Gradient estimators — "is backprop required?": reverse mode (backprop), exact forward
 * mode, the forward gradient, central finite differences and SPSA, each writing its
 * estimate into the parameters' gradients and counting what it cost.
 */
export { Backprop } from './backprop';
export { FiniteDifferences, type FiniteDifferencesOptions } from './finite-differences';
export { ForwardGradient, type ForwardGradientOptions } from './forward-gradient';
export { ForwardMode } from './forward-mode';
export { Spsa, type SpsaOptions } from './spsa';
export type { Estimate, EstimateCost, EstimatorKind, GradientEstimator } from './types';
export { COST_WEIGHTS, CostMeter, type PassCounts } from './cost-meter';
export { DropoutReplay } from './dropout-replay';
export { defaultStep } from './step-size';
export { cosineSimilarity, gradientsOf, relativeError } from './similarity';
export { estimatorName } from './run';
export { createEstimator, ESTIMATOR_KINDS, type EstimatorSpec } from './create';
export { estimatorSpecOf, trainingEstimator } from './from-settings';

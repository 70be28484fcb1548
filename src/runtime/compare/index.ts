/**
 * "Is backprop required?": the same model trained with each gradient estimator from the same
 * start, with what each step cost and how well each estimate pointed.
 */
export { Comparison, compareOptionsError, COMPARE_PROGRESS_MS, MAX_COMPARE_STEPS, MAX_TIME_BUDGET_MS, type CompareSetup } from './comparison';
export { shuffledBatches, type Batch, type BatchSource } from './batches';
export { SMOOTHING } from './track';
export type { CompareOptions, ComparePoint, CompareProgress, CompareResult, CompareTrack, TrackEnd } from './types';
export { comparisonSetup } from './setup';
export { forwardGradientWalk, type ForwardGradientWalk, type TangentLayer } from './forward-gradient-walk';

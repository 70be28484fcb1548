/** Training breakpoints: one module per condition (its parameters, defaults, check and message), their registry and the watch the training loop runs. */
export type { ConditionHit, ConditionKind, ConditionModule, ConditionParam, ConditionValues, EvaluationView, LayerStepView, StepView } from './types';
export { CONDITIONS, CONDITION_KINDS, conditionModule, conditionValues } from './registry';
export { armBreakpoints, BreakpointWatch, type BreakpointEntry, type BreakpointHit, type WatchedLayer } from './watch';
export { DIVERGENCE_FACTOR, DivergenceDetector, describeDivergence, formatMagnitude, grewMost, type Divergence, type GradientNorms } from './divergence-detector';
export { deadUnits } from './dead-units';
export { findNonFinite, firstNonFinite } from './non-finite';
export { percentText } from './format';

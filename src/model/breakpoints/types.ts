import type { NodeType } from '../kinds';

/** A tensor's values: float32 in training, float64 where the engine checks gradients. */
export type Values = Float32Array | Float64Array;

/**
 * A training breakpoint's condition: one module per condition holds everything the app
 * knows of it — its parameters with defaults and ranges (the document's schema is built
 * from them), whether it is on by default, which layers it watches, its check and the
 * sentence it pauses with. The training loop sees only this interface.
 */

export type ConditionKind = 'non-finite' | 'divergence' | 'dead-units' | 'vanishing' | 'exploding' | 'plateau';

export interface ConditionParam {
  name: string;
  /** Shown beside the field, e.g. "Threshold (%)". */
  label: string;
  default: number;
  min: number;
  max: number;
  /** Whole numbers only (a count of evaluations). */
  integer?: boolean;
  /** Stored as a fraction, shown and typed as a percentage. */
  percent?: boolean;
  /** Whether `min` itself is allowed (a threshold of 0 would never fire). */
  exclusiveMin?: boolean;
}

export type ConditionValues = Readonly<Record<string, number>>;

/** One layer as a step left it: the batch's activations and gradients, the layer's parameters. */
export interface LayerStepView {
  nodeId: string;
  /** The edge that feeds the layer (where the gradient leaving it flows back). */
  inEdgeId: string;
  type: NodeType;
  /** E.g. `Linear(2 → 32)`. */
  title: string;
  /** The node before it on the chain (the Input for the first layer). */
  previousNodeId: string;
  /** Features per sample of the output (its last dimension). */
  units: number;
  output: Values | undefined;
  /** dL/d(output); undefined for the loss. */
  outputGrad: Values | undefined;
  /** dL/d(input). */
  inputGrad: Values | undefined;
  params: readonly { name: string; value: Values; grad: Values }[];
}

/** What a check sees of one training step, after its backward pass and before its update. */
export interface StepView {
  /** The step being taken (the first is 1). */
  step: number;
  loss: number;
  layers: readonly LayerStepView[];
  /** ‖∂L/∂θ‖ of layer i's parameters (0 without any), computed once and only if a check asks. */
  paramGradNorm(i: number): number;
  /** ‖∂L/∂x‖ of layer i's input, likewise. */
  inputGradNorm(i: number): number;
  /** ‖∂L/∂y‖ of layer i's output (undefined for the loss), likewise. */
  outputGradNorm(i: number): number | undefined;
}

/** An evaluation of the model (every `update_every` steps), for conditions on the curves. */
export interface EvaluationView {
  step: number;
  /** Test accuracy, or training accuracy without a test set; null for regression. */
  accuracy: number | null;
}

/** A condition that holds: where, and the sentence the run pauses with. */
export interface ConditionHit {
  message: string;
  nodeId?: string;
  edgeId?: string;
}

/** A condition armed for one run (and one layer, for a per-layer condition); it may keep state across steps. */
export interface ConditionCheck {
  /** After a step's backward pass; null when the condition does not hold. */
  step?(view: StepView): ConditionHit | null;
  /** After an evaluation; null when the condition does not hold. */
  evaluation?(view: EvaluationView): ConditionHit | null;
}

export interface ConditionModule {
  kind: ConditionKind;
  /** Short name, e.g. "Dead ReLUs". */
  label: string;
  /** What it watches, in a sentence for the panel. */
  help: string;
  params: readonly ConditionParam[];
  onByDefault: boolean;
  /** 'layer': checked on each layer it applies to, and settable per layer; 'model': once for the run. */
  scope: 'model' | 'layer';
  /** For a per-layer condition: whether it watches a layer of this kind (`hasParams`: the layer has parameters). */
  appliesTo?(type: NodeType, hasParams: boolean): boolean;
  /** The context menu's entry for a layer, e.g. "Pause when over 50% of units are dead". */
  menuLabel?(values: ConditionValues): string;
  /** Arms the condition for one run; `layer` is the layer's index in StepView.layers for a per-layer condition. */
  arm(values: ConditionValues, layer: number | null): ConditionCheck;
}

import type { GradcheckResult } from '../engine';
import type { Diagnostic, Plan, Shape } from '../model';
import type { Bounds, DatasetError } from './datasets';
import type { TensorSummary } from './summary';
import type { GradNormPoint, GradNorms, TrainEnd, TrainPoint, TrainState } from './trainer';
import type { BreakpointHit } from '../model';
import type { DecisionBoundary } from './boundary';
import type { RegressionFit } from './fit';

/** What the worker's service returns; shared by the service, the worker and the client. */

export interface DatasetInfo {
  name: string;
  samples: number;
  train: number;
  test: number;
  features: number;
  classes: number;
  classNames?: string[];
  featureNames: string[];
  bounds: Bounds;
  /** Regression data: what the target is called, and its smallest and largest value. */
  targetName?: string;
  targetRange?: [number, number];
}

export interface LoadResult {
  ok: boolean;
  /** From the compiler (graph, parameters, stored weights). */
  diagnostics: Diagnostic[];
  /** Where the data and the model disagree (pinned to the Input or the loss). */
  dataDiagnostics: Diagnostic[];
  /** Problems with the dataset itself (a bad CSV, …). */
  dataErrors: DatasetError[];
  plan: Plan | null;
  nodeShapes: Record<string, Shape>;
  edgeShapes: Record<string, Shape>;
  /** Nodes whose current (trained) weights carried over from before this load. */
  keptWeights: string[];
  /** Set when the load changed the model or the data while training ran, which stopped it. */
  trainingStopped: string | null;
  dataset: DatasetInfo | null;
  /** Steps trained on the current weights. */
  trainedSteps: number;
  /** The data are still being fetched (the digits): the engine's awaitData() reports their progress and the load's result once they are in. */
  dataPending?: boolean;
}

export interface ForwardReport {
  batchSize: number;
  /** Node id → summary of its output (the Input's is the batch). */
  nodes: Record<string, TensorSummary>;
  loss: number | null;
  accuracy: number | null;
  mode: 'train' | 'eval';
}

export interface ParamReport {
  name: string;
  value: TensorSummary;
  grad: TensorSummary;
}

export interface NodeBackward {
  /** dL/d(output); null for the loss, whose output gradient is 1. */
  dOut: TensorSummary | null;
  /** dL/d(input). */
  dIn: TensorSummary;
  params: ParamReport[];
  gradNorm: { input: number; params: number };
}

export interface BackwardReport {
  forward: ForwardReport;
  nodes: Record<string, NodeBackward>;
  /** Edge id → ‖dL/d(tensor on the edge)‖. */
  edgeGradNorms: Record<string, number>;
}

export interface StepReport {
  phase: 'forward' | 'backward';
  /** 1-based position within the phase, and the phase's length. */
  index: number;
  total: number;
  nodeId: string;
  /** The edge that feeds this node (the pulse runs along it, backwards in the backward phase). */
  edgeId: string;
  title: string;
  /** e.g. "Backward 3/7: Linear(100 → 50)". */
  label: string;
  /** Forward: the node's output. */
  output?: TensorSummary;
  loss?: number;
  /** Backward: as in a full backward pass. */
  backward?: NodeBackward;
  edgeGradNorm?: number;
  /** True after the last backward step. */
  done: boolean;
}

export interface StepStatus {
  /** Steps taken (0 … 2 × layers). */
  position: number;
  total: number;
  next: string | null;
}

export interface LayerGradcheck {
  nodeId: string;
  title: string;
  result: GradcheckResult;
  /** In the homework's format: `input    diff=0.000`, `param#01 diff=0.000`, … */
  report: string;
  /** Set when a layer too costly to check on the whole batch was checked on its first samples. */
  samples?: { checked: number; total: number };
}

export interface GradcheckReport {
  layers: LayerGradcheck[];
  maxRelError: number;
  threshold: number;
  passed: boolean;
}

export type TensorKind = 'output' | 'dOut' | 'dIn' | 'w' | 'b' | 'dw' | 'db';

export interface TensorView {
  shape: number[];
  /** The tensor as a matrix [rows, cols] (first dimension × the rest), downsampled to at most maxSide per side by max |value|. */
  rows: number;
  cols: number;
  rowStep: number;
  colStep: number;
  data: Float32Array;
}

/** The input tangent v of a forward-mode product: random (standard normal, seeded) or one chosen input entry (flat index). */
export type JvpDirection = { kind: 'random'; seed: number } | { kind: 'basis'; index: number };

/** Forward mode beside reverse mode for one layer of the last pass (see jvpProbe). */
export interface JvpReport {
  nodeId: string;
  direction: JvpDirection;
  /** The input tangent, shaped like the layer's input. */
  v: TensorSummary;
  /** J·v: the output tangent, shaped like the layer's output. */
  jv: TensorSummary;
  /** ⟨g, J v⟩ with g = ∂L/∂out of the backward pass (1 for the loss). */
  gJv: number;
  /** ⟨Jᵀg, v⟩ with Jᵀg = ∂L/∂in of the backward pass. */
  jtgV: number;
  /** |gJv − jtgV| / max(|gJv|, |jtgV|) (0 when both are 0): float32 rounding, about 1e-6, when forward and reverse mode agree. */
  relativeDifference: number;
}

export interface DatasetPoints {
  features: number;
  classes: number;
  /** Training then test points, [N, features]. */
  x: Float32Array;
  y: Int32Array;
  /** 1 for a test point. */
  isTest: Uint8Array;
  bounds: Bounds;
  classNames?: string[];
  /** Regression data: each point's target (then every `y` is 0). */
  targets?: Float32Array;
}

export interface LiveSnapshot {
  step: number;
  /** Per node: summary of its output on the step's batch. */
  nodes: Record<string, TensorSummary>;
  gradNorms: GradNorms;
  edgeGradNorms: Record<string, number>;
}

export interface TrainProgress {
  state: TrainState;
  step: number;
  epoch: number;
  /** New since the previous message. */
  points: TrainPoint[];
  gradNorms: GradNormPoint[];
  snapshot?: LiveSnapshot;
  boundary?: DecisionBoundary;
  /** A regression model's prediction over its 1-D or 2-D input space (instead of a boundary). */
  fit?: RegressionFit;
  /** The current weights (raw float32), when they changed enough to be worth sending. */
  weights?: Record<string, Record<string, Float32Array>>;
  end?: TrainEnd;
  /** The breakpoint the run is paused at (state 'paused'); absent on a pause the user asked for. */
  breakpoint?: BreakpointHit;
}

export type { TrainEnd, TrainPoint, GradNormPoint, GradNorms, TrainState, DecisionBoundary, RegressionFit, TensorSummary };

import type { GradcheckResult } from '../engine';
import type { Diagnostic, Plan, Shape } from '../model';
import type { Bounds, DatasetError } from './datasets';
import type { TensorSummary } from './summary';
import type { GradNormPoint, GradNorms, TrainEnd, TrainPoint, TrainState } from './trainer';
import type { DecisionBoundary } from './boundary';

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
  /** The current weights (raw float32), when they changed enough to be worth sending. */
  weights?: Record<string, Record<string, Float32Array>>;
  end?: TrainEnd;
}

export type { TrainEnd, TrainPoint, GradNormPoint, GradNorms, TrainState, DecisionBoundary, TensorSummary };

import type { StoreApi } from 'zustand/vanilla';
import type { BreakpointHit } from '../../model';
import type {
  BackwardReport,
  CodeReport,
  CompareOptions,
  CompareProgress,
  CompareResult,
  ForwardGradientWalk,
  DatasetPoints,
  DecisionBoundary,
  ForwardReport,
  GradcheckProgress,
  GradcheckReport,
  JacobianStructure,
  JacobianWrt,
  JvpDirection,
  JvpReport,
  LiveSnapshot,
  LoadResult,
  RegressionFit,
  StepReport,
  TensorKind,
  TensorSummary,
  TensorView,
  TrainEnd,
  TrainingSpeed,
  TrainState,
  DigitsProgress,
  ImageReport,
  SampleTrace,
} from '../../runtime';
import { emptyCurves, type TrainingCurves } from './curves';

/** What the run store holds and does: the shapes the views and the store share (no logic here). */

export type Busy = 'forward' | 'backward' | 'step' | 'gradcheck' | 'reset' | null;

export interface TrainingView {
  state: TrainState;
  step: number;
  epoch: number;
  curves: TrainingCurves;
  snapshot: LiveSnapshot | null;
  boundary: DecisionBoundary | null;
  /** A regression model's fit over its input space (in place of a boundary). */
  fit?: RegressionFit | null;
  end: TrainEnd | null;
  /** The breakpoint the run is paused at (absent or null otherwise). */
  breakpoint?: BreakpointHit | null;
  /** Set when this is the last run of an earlier session, restored from the browser's storage (when it was saved). */
  previous?: { savedAt: number };
}

export interface RunData {
  /** The worker answered its first load. */
  ready: boolean;
  /** The last compile in the worker (plan, data problems, dataset). */
  load: LoadResult | null;
  busy: Busy;
  mode: 'train' | 'eval';
  forward: ForwardReport | null;
  backward: BackwardReport | null;
  /** Bumped whenever a whole pass lands (a live one included): the edges' flow restarts with it. */
  passCount: number;
  /** The stepped pass so far; `stepCursor` is the step on show (−1: none). Stepping back only moves the cursor. */
  steps: StepReport[];
  stepCursor: number;
  /** Steps in a whole stepped pass (forward and backward). */
  stepTotal: number;
  playing: boolean;
  gradcheck: GradcheckReport | null;
  /** How far a running gradient check is, or null. */
  gradcheckProgress: GradcheckProgress | null;
  /**
   * Layer node id → its Jacobian with respect to its input on the current batch, fetched after
   * each completed forward pass (whole or stepped); empty while none describes the model.
   */
  jacobians: Record<string, JacobianStructure>;
  training: TrainingView;
  /**
   * The training snapshot the canvas shows: training.snapshot, passed on at most every
   * LIVE_FIGURES_MS (the latest one always lands), so dozens of nodes and edges redraw a
   * few times a second rather than on every progress message.
   */
  liveSnapshot: LiveSnapshot | null;
  /** The Input's batch, summarised: the same for every pass on a loaded document. */
  batch: TensorSummary | null;
  points: DatasetPoints | null;
  /** Bytes of the data received while the engine fetches them (the digits), or null. */
  dataProgress: DigitsProgress | null;
  /** Live mode: a forward and backward pass after every edit the engine cares about, and on open. */
  live: boolean;
  /** How fast training runs (the same steps and results at every speed). */
  speed: TrainingSpeed;
  /** The last thing that went wrong, in words. */
  error: string | null;
}

export interface RunActions {
  runForward(): Promise<void>;
  runBackward(): Promise<void>;
  stepForward(): Promise<void>;
  stepBack(): void;
  stepReset(): Promise<void>;
  /** Plays the stepped pass to its end, one step every `intervalMs`. */
  play(intervalMs: number): void;
  pausePlay(): void;
  toggleTraining(): Promise<void>;
  /** From a pause, one training step, then paused again. */
  stepTraining(): Promise<void>;
  stopTraining(): void;
  /** A drag or pan on the page began or ended: while it lasts, training yields two thirds of its time to the page and the canvas's figures follow at most once a second. */
  gesture(active: boolean): void;
  resetWeights(): Promise<void>;
  runGradcheck(): Promise<void>;
  cancelGradcheck(): void;
  setMode(mode: 'train' | 'eval'): Promise<void>;
  setLive(on: boolean): void;
  setSpeed(speed: TrainingSpeed): void;
  /** Shows a run saved by an earlier session (curves, boundary, status) until the next run starts. */
  restoreTraining(view: TrainingView): Promise<void>;
  jacobian(nodeId: string, wrt: JacobianWrt): Promise<JacobianStructure>;
  /** The homework's check of custom layer code (in the worker, under its time budget). */
  checkCode(code: string, inFeatures: number, outFeatures: number): Promise<CodeReport>;
  tensor(nodeId: string, kind: TensorKind, maxSide?: number): Promise<TensorView | null>;
  /** Test predictions, confusion and first-layer weights when the data are images (readable while training runs). */
  imageReport(withImages: boolean): Promise<ImageReport | null>;
  /** Runs one test sample alone, forward and backward. */
  traceSample(testIndex: number): Promise<SampleTrace>;
  /** J·v for a layer of the last pass beside its gᵀJ (see EngineService.jvp). */
  jvp(nodeId: string, direction: JvpDirection): Promise<JvpReport>;
  /** Trains the document's model with each estimator in turn, from the same start (see the runtime's Comparison). */
  compareEstimators(options: CompareOptions, onProgress: (p: CompareProgress) => void): Promise<CompareResult>;
  cancelCompare(): void;
  /** One forward-gradient step on the current batch, layer by layer (the model is left alone). */
  forwardGradientStep(seed: number): Promise<ForwardGradientWalk>;
  exportOnnx(): Promise<Uint8Array>;
  exportPyTorch(includeWeights: boolean): Promise<string>;
  /** Sends the editor's document now (normally debounced). */
  syncNow(): Promise<void>;
  /** The engine worker was replaced (the client re-sent the model): passes of the old one are gone, so run them again. */
  engineRestarted(): Promise<void>;
  dispose(): void;
}

export type RunState = RunData & RunActions;
export type RunStore = StoreApi<RunState>;

export function idleTraining(): TrainingView {
  return { state: 'idle', step: 0, epoch: 0, curves: emptyCurves(), snapshot: null, boundary: null, end: null };
}

/** What a run store holds before the worker has answered: nothing run, nothing trained. */
export function initialRunData(): RunData {
  return {
    ready: false,
    load: null,
    busy: null,
    mode: 'train',
    forward: null,
    backward: null,
    passCount: 0,
    steps: [],
    stepCursor: -1,
    stepTotal: 0,
    playing: false,
    gradcheck: null,
    gradcheckProgress: null,
    jacobians: {},
    training: idleTraining(),
    liveSnapshot: null,
    batch: null,
    points: null,
    dataProgress: null,
    live: true,
    speed: 'full',
    error: null,
  };
}

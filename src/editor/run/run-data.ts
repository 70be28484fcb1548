import type { StoreApi } from 'zustand/vanilla';
import type {
  BackwardReport,
  DatasetPoints,
  DecisionBoundary,
  ForwardReport,
  GradcheckProgress,
  GradcheckReport,
  JacobianStructure,
  JacobianWrt,
  LiveSnapshot,
  LoadResult,
  StepReport,
  TensorKind,
  TensorSummary,
  TensorView,
  TrainEnd,
  TrainingSpeed,
  TrainState,
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
  end: TrainEnd | null;
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
  tensor(nodeId: string, kind: TensorKind, maxSide?: number): Promise<TensorView | null>;
  exportOnnx(): Promise<Uint8Array>;
  exportPyTorch(includeWeights: boolean): Promise<string>;
  /** Sends the editor's document now (normally debounced). */
  syncNow(): Promise<void>;
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
    live: true,
    speed: 'full',
    error: null,
  };
}

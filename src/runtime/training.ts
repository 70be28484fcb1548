import type { Sequential } from '../engine';
import type { BreakpointEntry, BreakpointHit, Plan, TrainingSettings } from '../model';
import { failureReason } from './entry-guard';
import { COURTESY_MAX_MS, COURTESY_PROGRESS_INTERVAL_MS, COURTESY_SLICE_MS } from './courtesy';
import type { Bounds, DatasetSplit } from './datasets';
import { hasInputView, inputView } from './input-view';
import { rSquared, targetVariance } from './metrics';
import { Pace } from './pace';
import type { LiveSnapshot, TrainProgress } from './protocol';
import { yieldToEvents } from './scheduler';
import { summarize } from './summary';
import { evaluate, gradNorms, TrainingRun, type GradNormPoint, type TrainEnd, type TrainPoint, type TrainState } from './trainer';

/** Progress messages are spaced at least this far apart (10 a second: every point still arrives, in batches, and the page keeps its frames). */
export const PROGRESS_INTERVAL_MS = 100;
/** Weights ride along with progress at most once a second (and on every pause and end): enough to save and export a run, and copying them ten times a second would cost the page its frames. */
export const WEIGHTS_INTERVAL_MS = 1000;
/**
 * The decision boundary (a 100×100 grid through the whole network: in a deep model it
 * costs more than the training steps between two messages) is redrawn at most this often,
 * and never taking more than a fifth of training's time; while the user drags or pans it
 * waits for the gesture's end.
 */
export const BOUNDARY_INTERVAL_MS = 250;
const BOUNDARY_SHARE = 0.2;

const COURTESY_MAX_REST_MS = 250;
/** At this speed (steps per second) or slower, every step is reported with its figures. */
export const WATCHED_STEPS_PER_SECOND = 10;

export interface TrainingSetup {
  model: Sequential;
  plan: Plan;
  split: DatasetSplit;
  bounds: Bounds;
  settings: TrainingSettings;
  seed: number;
  breakpoints?: readonly BreakpointEntry[];
}

/**
 * Runs training as a loop that yields to the event loop after every step, so pause,
 * resume and stop (and any other call) take effect within one step, and streams
 * progress: every `update_every` (K) steps a point on the curves (mean training loss and
 * accuracy since the previous point, test loss and accuracy), per-layer gradient norms,
 * a snapshot of every node's values and the decision boundary (or a regression model's fit) — tied to steps, sent at
 * most 10 times a second (the boundary at most 4 times, the weights once).
 */
export class Training {
  run: TrainingRun | null = null;
  state: TrainState = 'idle';
  private stopRequested = false;
  private resumeWaiter: (() => void) | null = null;
  /** Training stops when the run's epoch reaches this. */
  private epochLimit = 0;
  private lastEnd: TrainEnd | null = null;
  /** Until then the page is busy with a gesture: train at a third of the time (see COURTESY_SLICE_MS). */
  private courteousUntil = 0;
  /** The breakpoint the run is paused at, until it resumes. */
  hit: BreakpointHit | null = null;
  /** Steps left before a Step pauses the run again (0: not stepping). */
  private stepsLeft = 0;
  /** How fast steps follow each other (full speed by default); the steps themselves are the same at every speed. */
  readonly pace = new Pace();

  get active(): boolean {
    return this.state === 'running' || this.state === 'paused';
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** Forgets the run (optimizer state, step count): the next start begins at step 0. */
  reset(): void {
    if (!this.active) {
      this.run = null;
      this.hit = null;
      this.lastEnd = null;
      this.state = 'idle';
    }
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused';
    this.pace.interrupt();
  }

  resume(): void {
    if (this.state === 'paused') {
      this.state = 'running';
      this.hit = null;
      this.resumeWaiter?.();
    }
  }

  /** A new learning rate for a paused run (null: unchanged), and the breakpoints as edited. */
  retune(lr: number | null, breakpoints: readonly BreakpointEntry[] | undefined): void {
    if (!this.run) return;
    if (lr !== null) this.run.setLearningRate(lr);
    this.run.setBreakpoints(breakpoints);
  }

  /** From a pause, one training step (the held one, after a breakpoint), then paused again. */
  stepOnce(): void {
    if (this.state !== 'paused') return;
    this.stepsLeft = 1;
    this.resume();
  }

  /** Half duty while the page is busy with a gesture, full speed again after it. */
  setCourteous(on: boolean): void {
    this.courteousUntil = on ? performance.now() + COURTESY_MAX_MS : 0;
  }

  private get courteous(): boolean {
    return this.courteousUntil > performance.now();
  }

  stop(): void {
    if (!this.active) return;
    this.stopRequested = true;
    this.pace.interrupt();
    this.resumeWaiter?.();
  }

  /**
   * Trains until the epochs, the target loss, a divergence or stop(). Anything thrown on
   * the way (a batch too large for memory, a bug) ends the run as 'failed' with a message
   * in words, never leaves it 'running'.
   */
  async start(setup: TrainingSetup, onProgress: (p: TrainProgress) => void): Promise<TrainEnd> {
    if (this.active) throw new Error('Training is already running.');
    try {
      return await this.loop(setup, onProgress);
    } catch (e) {
      console.warn('Backprop Studio engine: training failed', e);
      const run = this.run;
      const step = run?.step ?? 0;
      const end: TrainEnd = { reason: 'failed', message: `Training failed at step ${step}: ${failureReason(e)}.`, step, epoch: run?.epoch ?? 0 };
      this.state = 'failed';
      this.lastEnd = end;
      this.stopRequested = false;
      this.resumeWaiter = null;
      try {
        onProgress({ state: 'failed', step, epoch: end.epoch, points: [], gradNorms: [], end });
      } catch {
        // The message is also the promise's value.
      }
      return end;
    }
  }

  private async loop(setup: TrainingSetup, onProgress: (p: TrainProgress) => void): Promise<TrainEnd> {
    const { model, plan, split, settings, seed, bounds } = setup;
    if (!this.run || this.run.model !== model) {
      this.run = new TrainingRun(model, plan, split.train, settings, seed, setup.breakpoints);
      this.epochLimit = settings.epochs;
    } else if (this.lastEnd && this.lastEnd.reason !== 'stopped') {
      // Pressing Train after a finished run trains the same run for another budget.
      this.epochLimit = this.run.epoch + settings.epochs;
    }
    const run = this.run;
    this.state = 'running';
    this.stopRequested = false;
    const K = settings.update_every;
    const drawsView = hasInputView(plan);
    const trainVariance = targetVariance(split.train);

    let points: TrainPoint[] = [];
    let norms: GradNormPoint[] = [];
    let snapshot: LiveSnapshot | undefined;
    let lossSum = 0;
    let accSum = 0;
    let count = 0;
    let lastEmit = 0;
    let lastWeights = 0;
    let boundaryStep = -1;
    let nextBoundary = 0;
    let end: TrainEnd | null = null;
    let sliceStart = performance.now();

    // Slow enough to watch step by step: every step's figures go out (reading them changes nothing).
    const watched = () => this.pace.paced && (this.pace.current as number) <= WATCHED_STEPS_PER_SECOND;
    const emit = (force: boolean) => {
      const now = performance.now();
      if (!force && !watched() && now - lastEmit < (this.courteous ? COURTESY_PROGRESS_INTERVAL_MS : PROGRESS_INTERVAL_MS)) return;
      lastEmit = now;
      const msg: TrainProgress = { state: end ? stateOf(end) : this.state, step: run.step, epoch: run.epoch, points, gradNorms: norms };
      if (snapshot) msg.snapshot = snapshot;
      // A boundary once sent was transferred away, so a forced message draws it again.
      if (drawsView && (force || (run.step - boundaryStep >= (watched() ? 1 : K) && now >= nextBoundary && !this.courteous))) {
        Object.assign(msg, inputView(model, plan, bounds, run.step));
        boundaryStep = run.step;
        const cost = performance.now() - now;
        nextBoundary = now + Math.max(BOUNDARY_INTERVAL_MS, cost / BOUNDARY_SHARE);
      }
      if (force || now - lastWeights >= WEIGHTS_INTERVAL_MS) {
        msg.weights = rawWeights(model, plan);
        lastWeights = now;
      }
      if (end) msg.end = end;
      if (this.hit && this.state === 'paused') msg.breakpoint = this.hit;
      points = [];
      norms = [];
      snapshot = undefined;
      onProgress(msg);
    };

    /** A breakpoint fired: the run pauses there, its step's figures on show. */
    const pauseAt = (hit: BreakpointHit) => {
      this.hit = hit;
      this.state = 'paused';
      this.stepsLeft = 0;
      const g = gradNorms(model, plan, run.trace);
      snapshot = liveSnapshot(hit.step, plan, run.trace, g);
    };

    const record = () => {
      const test = evaluate(model, plan, split.test);
      points.push({
        step: run.step,
        epoch: run.epoch,
        trainLoss: lossSum / count,
        trainAccuracy: trainVariance === null ? accSum / count : null,
        testLoss: test?.loss ?? null,
        testAccuracy: test?.accuracy ?? null,
        ...(trainVariance === null ? {} : { trainR2: rSquared(lossSum / count, trainVariance), testR2: test?.r2 ?? null }),
      });
      const g = gradNorms(model, plan, run.trace);
      norms.push({ step: run.step, norms: g });
      snapshot = liveSnapshot(run.step, plan, run.trace, g);
      const meanLoss = lossSum / count;
      const hit = run.evaluated(run.step, test?.accuracy ?? (trainVariance === null ? accSum / count : null));
      lossSum = accSum = count = 0;
      if (hit) pauseAt(hit);
      return meanLoss;
    };

    while (!end) {
      if (this.stopRequested) {
        end = { reason: 'stopped', message: `Training stopped at step ${run.step}.`, step: run.step, epoch: run.epoch };
        break;
      }
      if ((this.state as TrainState) === 'paused') {
        if (count) record();
        emit(true);
        await new Promise<void>((r) => (this.resumeWaiter = r));
        this.resumeWaiter = null;
        continue;
      }
      const r = run.runStep();
      if ('hit' in r) {
        pauseAt(r.hit);
        continue;
      }
      lossSum += r.loss;
      accSum += r.accuracy ?? 0;
      count++;
      if (run.step % K === 0) {
        const meanLoss = record();
        if (settings.target_loss > 0 && meanLoss <= settings.target_loss) {
          end = { reason: 'target', message: `Reached the target loss ${settings.target_loss} at step ${run.step} (loss ${meanLoss.toPrecision(4)}).`, step: run.step, epoch: run.epoch };
        }
      }
      if (!end && run.epoch >= this.epochLimit) {
        end = { reason: 'finished', message: `Finished ${run.epoch} epoch${run.epoch === 1 ? '' : 's'} (${run.step} step${run.step === 1 ? '' : 's'}).`, step: run.step, epoch: run.epoch };
      }
      if (!end && watched() && run.step % K !== 0) snapshot = liveSnapshot(run.step, plan, run.trace, gradNorms(model, plan, run.trace));
      if (!end && this.stepsLeft > 0 && --this.stepsLeft === 0 && this.state === 'running') {
        // Step: one step, then paused again, its figures on show.
        this.state = 'paused';
        snapshot = liveSnapshot(run.step, plan, run.trace, gradNorms(model, plan, run.trace));
      }
      emit(false);
      if (end) break;
      if (this.pace.paced) await this.pace.wait();
      const worked = performance.now() - sliceStart;
      if (this.courteous && worked >= COURTESY_SLICE_MS) {
        // Twice as long a rest as the work before it (a slice may end with a long report).
        await rest(Math.min(2 * worked, COURTESY_MAX_REST_MS));
        sliceStart = performance.now();
      } else {
        await yieldToEvents();
        if (!this.courteous) sliceStart = performance.now();
      }
    }
    if (count) record();
    this.hit = null;
    this.state = stateOf(end);
    this.lastEnd = end;
    emit(true);
    return end;
  }
}

const rest = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function stateOf(end: TrainEnd): TrainState {
  return end.reason === 'diverged' || end.reason === 'stopped' || end.reason === 'failed' ? end.reason : 'finished';
}

function liveSnapshot(step: number, plan: Plan, trace: TrainingRun['trace'], g: ReturnType<typeof gradNorms>): LiveSnapshot {
  const nodes: LiveSnapshot['nodes'] = {};
  const edgeGradNorms: Record<string, number> = {};
  plan.layers.forEach((pl, i) => {
    const out = trace.outputs[i];
    if (out) nodes[pl.nodeId] = withoutValues(summarize(out));
    edgeGradNorms[pl.inEdgeId] = g[pl.nodeId].input;
  });
  if (trace.inputs[0]) nodes[plan.inputNodeId] = withoutValues(summarize(trace.inputs[0]));
  return { step, nodes, gradNorms: g, edgeGradNorms };
}

/** Live snapshots carry statistics and histograms; values stay in the worker. */
function withoutValues<T extends { values?: unknown; preview?: unknown }>(s: T): T {
  delete s.values;
  delete s.preview;
  return s;
}

function rawWeights(model: Sequential, plan: Plan): Record<string, Record<string, Float32Array>> {
  const out: Record<string, Record<string, Float32Array>> = {};
  plan.layers.forEach((pl, i) => {
    const params = model.layers[i].params();
    if (!params.length) return;
    out[pl.nodeId] = Object.fromEntries(params.map((p) => [p.name, Float32Array.from(p.value.data)]));
  });
  return out;
}

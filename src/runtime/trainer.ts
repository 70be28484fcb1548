import {
  Adam,
  createRng,
  MomentumSGD,
  RMSProp,
  SGD,
  Tensor,
  type Optimizer,
  type Rng,
  type Sequential,
} from '../engine';
import { armBreakpoints, type BreakpointEntry, type BreakpointHit, type BreakpointWatch, type GradientNorms, type OptimizerSettings, type Plan, type TrainingSettings } from '../model';
import { isRegression, type Dataset, type Targets } from './datasets';
import { trainingEstimator, type GradientEstimator } from './estimators';
import { rSquared, targetVariance } from './metrics';
import { accuracy, backwardLayer, emptyTrace, forwardLayer, keepingRandomState, type Trace } from './passes';
import { layerIdentities, stepView } from './step-view';
import { norm } from './summary';

export interface TrainPoint {
  step: number;
  epoch: number;
  /** Mean mini-batch loss and accuracy over the steps since the previous point; accuracy null for regression. */
  trainLoss: number;
  trainAccuracy: number | null;
  /** On the held-out set, in evaluation mode; null without a test set (accuracy: or for regression). */
  testLoss: number | null;
  testAccuracy: number | null;
  /**
   * Regression only: R² of the training set (from the mean mini-batch MSE, in training mode,
   * like the loss) and of the test set (in evaluation mode); null where undefined. The MSE
   * itself is the loss.
   */
  trainR2?: number | null;
  testR2?: number | null;
}

/** Per node: ‖dL/d(input)‖ and ‖dL/d(parameters)‖ (0 for layers without any). */
export type GradNorms = Record<string, { input: number; params: number }>;

export interface GradNormPoint {
  step: number;
  norms: GradNorms;
}

export type TrainState = 'idle' | 'running' | 'paused' | 'stopped' | 'finished' | 'diverged' | 'failed';

export interface TrainEnd {
  /** 'failed': something went wrong in the engine (out of memory, a bug); the message says what to do. */
  reason: 'finished' | 'target' | 'stopped' | 'diverged' | 'failed';
  message: string;
  step: number;
  epoch: number;
  /** For divergence: the node whose values first went non-finite. */
  nodeId?: string;
}

export function makeOptimizer(model: Sequential, s: OptimizerSettings): Optimizer {
  const params = model.params();
  const weightDecay = s.weight_decay;
  switch (s.kind) {
    case 'sgd':
      return new SGD(params, { lr: s.lr, weightDecay });
    case 'momentum':
      return new MomentumSGD(params, { lr: s.lr, momentum: s.momentum, weightDecay });
    case 'rmsprop':
      return new RMSProp(params, { lr: s.lr, decay: s.decay, eps: s.eps, weightDecay });
    case 'adam':
      return new Adam(params, { lr: s.lr, betas: [s.beta1, s.beta2], eps: s.eps, weightDecay });
  }
}

/** Gathers rows `order[from..to)` of a dataset into a batch: inputs, and what the loss compares them with (labels, or regression targets). */
export function gather(data: Dataset, order: Int32Array, from: number, to: number): { x: Tensor; y: Targets } {
  const f = data.features;
  const n = to - from;
  const x = new Float32Array(n * f);
  const source = data.targets ?? data.y;
  const y = data.targets ? new Float32Array(n) : new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[from + r];
    x.set(data.x.subarray(i * f, (i + 1) * f), r * f);
    y[r] = source[i];
  }
  return { x: new Tensor(x, [n, f]), y };
}

/** Loss and accuracy (classification) or R² (regression) of the whole set in evaluation mode, on a copy of the model. */
export function evaluate(model: Sequential, plan: Plan, data: Dataset): { loss: number; accuracy: number | null; r2: number | null } | null {
  const n = data.y.length;
  if (!n || !plan.lossNodeId) return null;
  const copy = model.clone().eval();
  const x = new Tensor(data.x, [n, data.features]);
  let out = x;
  for (let i = 0; i < copy.layers.length - 1; i++) out = copy.layers[i].forward(out);
  if (isRegression(data)) {
    const loss = copy.layers[copy.layers.length - 1].forward(out, data.targets).item();
    return { loss, accuracy: null, r2: rSquared(loss, targetVariance(data)) };
  }
  const loss = copy.layers[copy.layers.length - 1].forward(out, data.y).item();
  return { loss, accuracy: accuracy(out, data.y), r2: null };
}

export function gradNorms(model: Sequential, plan: Plan, trace: Trace): GradNorms {
  const out: GradNorms = {};
  plan.layers.forEach((pl, i) => {
    let p = 0;
    for (const q of model.layers[i].params()) {
      const n = norm(q.grad.data);
      p += n * n;
    }
    out[pl.nodeId] = { input: trace.dIns[i] ? norm(trace.dIns[i].data) : 0, params: Math.sqrt(p) };
  });
  return out;
}

/** Per layer with parameters: the norm of all its parameters' gradients together. */
export function paramGradNorms(model: Sequential, plan: Plan): GradientNorms {
  const out = new Map<string, number>();
  plan.layers.forEach((pl, i) => {
    const params = model.layers[i].params();
    if (!params.length) return;
    let s = 0;
    for (const q of params) s += norm(q.grad.data) ** 2;
    out.set(pl.nodeId, Math.sqrt(s));
  });
  return out;
}

/**
 * Mini-batch training state: the optimizer, the shuffled order of the current epoch and
 * where in it the next batch starts. One `step()` is forward, loss, backward, update.
 * Everything random draws from generators seeded by the document, so a document and
 * its seed reproduce the same curve.
 */
export class TrainingRun {
  readonly optimizer: Optimizer;
  step = 0;
  epoch = 0;
  private order: Int32Array;
  private cursor = 0;
  private readonly rng: Rng;
  /** The last step's trace: activations and gradients, for live views. */
  trace: Trace = emptyTrace();
  /** The breakpoint conditions checked on every step (by default: non-finite values and divergence). */
  private readonly watch: BreakpointWatch;
  private readonly identities: ReturnType<typeof layerIdentities>;
  /** A step a breakpoint paused before its update: the next runStep() applies it. */
  private held: { loss: number; accuracy: number | null; batch: number } | null = null;
  /** Where the gradient comes from when it is not this run's own backward pass (see trainingEstimator). */
  readonly estimator: GradientEstimator | null;

  constructor(
    readonly model: Sequential,
    readonly plan: Plan,
    readonly train: Dataset,
    readonly settings: TrainingSettings,
    seed: number,
    breakpoints?: readonly BreakpointEntry[],
  ) {
    this.optimizer = makeOptimizer(model, settings.optimizer);
    this.identities = layerIdentities(plan);
    this.watch = armBreakpoints(breakpoints, this.watchedLayers());
    this.estimator = trainingEstimator(settings.estimator, seed);
    this.rng = createRng((seed ^ 0x74726169) >>> 0);
    this.order = this.shuffled();
  }

  private shuffled(): Int32Array {
    const a = Int32Array.from({ length: this.train.y.length }, (_, i) => i);
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private watchedLayers() {
    return this.plan.layers.map((l, i) => ({ nodeId: l.nodeId, type: l.type, hasParams: this.model.layers[i].params().length > 0 }));
  }

  /** The breakpoints edited while the run is paused (see BreakpointWatch.rearm). */
  setBreakpoints(entries: readonly BreakpointEntry[] | undefined): void {
    this.watch.rearm(armBreakpoints(entries, this.watchedLayers()));
  }

  /** The learning rate from the next update on (the optimizer keeps its moments). */
  setLearningRate(lr: number): void {
    this.optimizer.lr = lr;
  }

  /** Whether a breakpoint holds a step back before its update. */
  get holding(): boolean {
    return this.held !== null;
  }

  /**
   * One training step: forward, backward, the breakpoint conditions, then the update. When
   * a condition begins to hold, the step stops before its update and its hit is returned;
   * the next call applies that update (with the learning rate as it then is) without
   * computing the step again, so a run resumed past a breakpoint is the run it would have
   * been without it. Accuracy null for regression.
   */
  runStep(): { loss: number; accuracy: number | null } | { hit: BreakpointHit } {
    if (this.held) return this.commit(this.held);
    const bs = Math.min(this.settings.batch_size, this.order.length);
    const { x, y } = gather(this.train, this.order, this.cursor, Math.min(this.cursor + bs, this.order.length));
    const model = this.model;
    model.train(true);
    const trace = emptyTrace();
    const forward = () => {
      for (let i = 0; i < model.layers.length; i++) forwardLayer(model, trace, i, x, y);
    };
    // An estimator draws the step's dropout masks itself: the traced pass (for the live views) sees the same ones.
    if (this.estimator) keepingRandomState(model, forward);
    else forward();
    const loss = trace.outputs[trace.outputs.length - 1].item();
    const scores = trace.inputs[trace.inputs.length - 1];
    model.zeroGrad();
    if (this.estimator) this.estimator.estimate(model, x, y);
    else for (let i = model.layers.length - 1; i >= 0; i--) backwardLayer(model, trace, i);
    this.trace = trace;
    const result = { loss, accuracy: y instanceof Int32Array ? accuracy(scores, y) : null, batch: bs };
    const hit = this.watch.step(stepView(this.step + 1, loss, model, this.identities, trace));
    if (hit) {
      this.held = result;
      return { hit };
    }
    return this.commit(result);
  }

  private commit(r: { loss: number; accuracy: number | null; batch: number }): { loss: number; accuracy: number | null } {
    this.held = null;
    this.optimizer.step();
    this.step++;
    this.cursor += r.batch;
    if (this.cursor >= this.order.length) {
      this.cursor = 0;
      this.epoch++;
      this.order = this.shuffled();
    }
    return { loss: r.loss, accuracy: r.accuracy };
  }

  /** An evaluation's accuracy, for the conditions on the curves; the hit when one begins to hold. */
  evaluated(step: number, accuracy: number | null): BreakpointHit | null {
    return this.watch.evaluation({ step, accuracy });
  }

  /** Fraction of the current epoch done. */
  get epochProgress(): number {
    return this.order.length ? this.cursor / this.order.length : 0;
  }
}

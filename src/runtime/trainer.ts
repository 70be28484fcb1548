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
import type { Plan } from '../model';
import type { OptimizerSettings, TrainingSettings } from '../model/schema';
import type { Dataset } from './datasets';
import { accuracy, backwardLayer, emptyTrace, firstNonFiniteLayer, forwardLayer, type Trace } from './passes';
import { norm } from './summary';

export interface TrainPoint {
  step: number;
  epoch: number;
  /** Mean mini-batch loss and accuracy over the steps since the previous point. */
  trainLoss: number;
  trainAccuracy: number;
  /** On the held-out set, in evaluation mode; null without a test set. */
  testLoss: number | null;
  testAccuracy: number | null;
}

/** Per node: ‖dL/d(input)‖ and ‖dL/d(parameters)‖ (0 for layers without any). */
export type GradNorms = Record<string, { input: number; params: number }>;

export interface GradNormPoint {
  step: number;
  norms: GradNorms;
}

export type TrainState = 'idle' | 'running' | 'paused' | 'stopped' | 'finished' | 'diverged';

export interface TrainEnd {
  reason: 'finished' | 'target' | 'stopped' | 'diverged';
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

/** Gathers rows `order[from..to)` of a dataset into a batch. */
export function gather(data: Dataset, order: Int32Array, from: number, to: number): { x: Tensor; y: Int32Array } {
  const f = data.features;
  const n = to - from;
  const x = new Float32Array(n * f);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[from + r];
    x.set(data.x.subarray(i * f, (i + 1) * f), r * f);
    y[r] = data.y[i];
  }
  return { x: new Tensor(x, [n, f]), y };
}

/** Loss and accuracy of the whole set in evaluation mode, on a copy of the model. */
export function evaluate(model: Sequential, plan: Plan, data: Dataset): { loss: number; accuracy: number } | null {
  const n = data.y.length;
  if (!n || !plan.lossNodeId) return null;
  const copy = model.clone().eval();
  const x = new Tensor(data.x, [n, data.features]);
  let out = x;
  for (let i = 0; i < copy.layers.length - 1; i++) out = copy.layers[i].forward(out);
  const loss = copy.layers[copy.layers.length - 1].forward(out, data.y).item();
  return { loss, accuracy: accuracy(out, data.y) };
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

  constructor(
    readonly model: Sequential,
    readonly plan: Plan,
    readonly train: Dataset,
    readonly settings: TrainingSettings,
    seed: number,
  ) {
    this.optimizer = makeOptimizer(model, settings.optimizer);
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

  /** One training step; a divergence report instead of a result when values go non-finite. */
  runStep(): { loss: number; accuracy: number } | { diverged: TrainEnd } {
    const bs = Math.min(this.settings.batch_size, this.order.length);
    const { x, y } = gather(this.train, this.order, this.cursor, Math.min(this.cursor + bs, this.order.length));
    const model = this.model;
    model.train(true);
    const trace = emptyTrace();
    for (let i = 0; i < model.layers.length; i++) forwardLayer(model, trace, i, x, y);
    const loss = trace.outputs[trace.outputs.length - 1].item();
    if (!Number.isFinite(loss)) return { diverged: this.divergence(trace, loss) };
    const scores = trace.inputs[trace.inputs.length - 1];
    model.zeroGrad();
    for (let i = model.layers.length - 1; i >= 0; i--) backwardLayer(model, trace, i);
    this.optimizer.step();
    this.trace = trace;
    this.step++;
    this.cursor += bs;
    if (this.cursor >= this.order.length) {
      this.cursor = 0;
      this.epoch++;
      this.order = this.shuffled();
    }
    return { loss, accuracy: accuracy(scores, y) };
  }

  private divergence(trace: Trace, loss: number): TrainEnd {
    const bad = firstNonFiniteLayer(this.model, trace);
    const pl = bad ? this.plan.layers[bad.index] : null;
    const where = pl ? ` The first non-finite values appeared in the ${bad!.where} of ${pl.title} ('${pl.nodeId}').` : '';
    return {
      reason: 'diverged',
      step: this.step,
      epoch: this.epoch,
      nodeId: pl?.nodeId,
      message: `Training diverged at step ${this.step + 1}: the loss became ${loss}.${where} Lower the learning rate, then press Reset weights.`,
    };
  }

  /** Fraction of the current epoch done. */
  get epochProgress(): number {
    return this.order.length ? this.cursor / this.order.length : 0;
  }
}

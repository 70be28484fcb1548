import type { Optimizer, Sequential } from '../../engine';
import type { EstimatorSettings, OptimizerSettings } from '../../model';
import { Backprop, cosineSimilarity, createEstimator, DropoutReplay, estimatorName, estimatorSpecOf, gradientsOf, type GradientEstimator } from '../estimators';
import { makeOptimizer } from '../trainer';
import type { BatchSource } from './batches';
import type { ComparePoint, CompareTrack, TrackEnd } from './types';

/** The loss compared with the target is the mean over this many steps (one batch's loss is noisy). */
export const SMOOTHING = 10;

/**
 * One estimator training its own copy of the model: each step estimates the gradient, and
 * the optimizer applies it. For any estimator but backprop, a backprop pass on the side gives
 * the true gradient first — a diagnostic for the cosine, with the dropout masks put back so
 * the estimator draws the same ones, kept out of the cost and the time.
 */
export class EstimatorTrack {
  readonly estimator: GradientEstimator;
  private readonly optimizer: Optimizer;
  private readonly truth: Backprop | null;
  private readonly recent: number[] = [];
  private cosineSum = 0;
  readonly track: CompareTrack;
  private passes = { forwardPasses: 0, jvpPasses: 0, backwardPasses: 0 };

  constructor(
    readonly model: Sequential,
    settings: EstimatorSettings,
    optimizer: OptimizerSettings,
    seed: number,
    private readonly nextBatch: BatchSource,
    private readonly targetLoss: number,
  ) {
    this.estimator = createEstimator(estimatorSpecOf(settings, seed));
    this.optimizer = makeOptimizer(model, optimizer);
    this.truth = settings.kind === 'backprop' ? null : new Backprop();
    const kind = this.estimator.kind;
    this.track = {
      kind,
      label: estimatorName(kind),
      perStep: { forwardPasses: 0, jvpPasses: 0, backwardPasses: 0, forwardEquivalents: 0, ms: 0 },
      steps: 0,
      cost: 0,
      ms: 0,
      reached: null,
      finalLoss: Number.NaN,
      meanCosine: null,
      end: null,
    };
  }

  /** One step; its point, or null when the loss went non-finite (the track then ends as diverged). */
  step(): ComparePoint | null {
    const { model } = this;
    const { x, y } = this.nextBatch();
    model.train(true);
    let truth: Float64Array[] | null = null;
    let exactLoss = Number.NaN;
    if (this.truth) {
      const replay = new DropoutReplay(model);
      exactLoss = this.truth.estimate(model, x, y).loss;
      truth = gradientsOf(model);
      replay.rewind();
    }
    const t0 = performance.now();
    const e = this.estimator.estimate(model, x, y);
    const estimateMs = performance.now() - t0;
    const loss = this.truth ? exactLoss : e.loss;
    if (!Number.isFinite(loss)) {
      this.finish('diverged');
      return null;
    }
    // Before the update: an optimizer may fold weight decay into the gradients.
    const cosine = truth ? cosineSimilarity(gradientsOf(model), truth) : null;
    const t1 = performance.now();
    this.optimizer.step();
    const ms = estimateMs + performance.now() - t1;

    const t = this.track;
    t.steps++;
    t.cost += e.cost.forwardEquivalents;
    t.ms += ms;
    this.passes.forwardPasses += e.cost.forwardPasses;
    this.passes.jvpPasses += e.cost.jvpPasses;
    this.passes.backwardPasses += e.cost.backwardPasses;
    t.perStep = {
      forwardPasses: this.passes.forwardPasses / t.steps,
      jvpPasses: this.passes.jvpPasses / t.steps,
      backwardPasses: this.passes.backwardPasses / t.steps,
      forwardEquivalents: t.cost / t.steps,
      ms: t.ms / t.steps,
    };
    this.recent.push(loss);
    if (this.recent.length > SMOOTHING) this.recent.shift();
    const smoothLoss = this.recent.reduce((s, v) => s + v, 0) / this.recent.length;
    t.finalLoss = smoothLoss;
    if (!t.reached && this.recent.length === SMOOTHING && smoothLoss <= this.targetLoss) t.reached = { step: t.steps, cost: t.cost, ms: t.ms };
    if (cosine !== null) {
      this.cosineSum += Number.isFinite(cosine) ? cosine : 0;
      t.meanCosine = this.cosineSum / t.steps;
    }
    return { step: t.steps, cost: t.cost, ms: t.ms, loss, smoothLoss, cosine };
  }

  finish(end: TrackEnd): void {
    if (!this.track.end) this.track.end = end;
  }
}

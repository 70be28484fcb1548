import type { Sequential, Tensor } from '../../engine';
import type { Plan } from '../../model';
import type { Targets } from '../datasets';
import { backwardAll, backwardLayer, emptyTrace, forwardAll, forwardLayer, keepingRandomState, type Trace } from '../passes';
import type { BackwardReport, ForwardReport, StepReport, StepStatus } from '../protocol';
import { summarize } from '../summary';
import { backwardReport, forwardReport, nodeBackward } from './pass-reports';

/** What a pass runs on: the compiled chain and the current batch. */
export interface PassInputs {
  model: Sequential;
  plan: Plan;
  x: Tensor;
  y: Targets;
}

/**
 * The last full or stepped pass on the current model and batch, and the passes that make
 * it: whole (forward, backward) or one layer at a time (forward through the chain, then
 * backward in reverse). Looking never disturbs training's random stream.
 */
export class Stepper {
  trace: Trace | null = null;
  hasBackward = false;
  position = 0;
  mode: 'train' | 'eval' = 'train';

  /** The model or batch changed: the last pass no longer describes them. */
  reset(): void {
    this.trace = null;
    this.hasBackward = false;
    this.position = 0;
  }

  /** Whether the trace holds a forward pass through every layer. */
  hasForward(model: Sequential): boolean {
    return !!this.trace && this.trace.outputs.length >= model.layers.length;
  }

  forward({ model, plan, x, y }: PassInputs): ForwardReport {
    model.train(this.mode === 'train');
    this.trace = keepingRandomState(model, () => forwardAll(model, x, y));
    this.hasBackward = false;
    this.position = model.layers.length;
    return forwardReport(plan, this.trace, x, y, this.mode);
  }

  backward({ model, plan, x, y }: PassInputs): BackwardReport {
    if (!plan.lossNodeId) throw new Error('Backward needs a loss as the last node.');
    if (!this.trace || !this.hasForward(model)) {
      model.train(this.mode === 'train');
      this.trace = keepingRandomState(model, () => forwardAll(model, x, y));
    }
    backwardAll(model, this.trace);
    this.hasBackward = true;
    this.position = 2 * model.layers.length;
    return backwardReport(model, plan, this.trace, x, y, this.mode);
  }

  status(plan: Plan | null): StepStatus {
    const L = plan?.layers.length ?? 0;
    const total = plan?.lossNodeId ? 2 * L : L;
    const p = this.position;
    const next = !plan || p >= total ? null : p < L ? `Forward ${p + 1}/${L}: ${plan.layers[p].title}` : `Backward ${p - L + 1}/${L}: ${plan.layers[2 * L - 1 - p].title}`;
    return { position: p, total, next };
  }

  /**
   * Runs the next layer. After the last step the state equals a full forward and backward
   * pass; the step after that starts over. `restart` is called when it does.
   */
  next({ model, plan, x, y }: PassInputs, restart: () => void): StepReport {
    const L = model.layers.length;
    // A graph that is only an Input has nothing to step through (and no layer -1 to step back into).
    if (L === 0) throw new Error('There is no layer to step through: connect a layer after the Input.');
    const total = plan.lossNodeId ? 2 * L : L;
    if (this.position >= total) restart();
    const p = this.position;
    if (p === 0) {
      this.trace = emptyTrace();
      this.hasBackward = false;
      model.train(this.mode === 'train');
    }
    const trace = this.trace!;
    this.position++;
    if (p < L) {
      const pl = plan.layers[p];
      const out = keepingRandomState(model, () => forwardLayer(model, trace, p, x, y));
      return {
        phase: 'forward',
        index: p + 1,
        total: L,
        nodeId: pl.nodeId,
        edgeId: pl.inEdgeId,
        title: pl.title,
        label: `Forward ${p + 1}/${L}: ${pl.title}`,
        output: summarize(out),
        loss: pl.nodeId === plan.lossNodeId ? out.item() : undefined,
        done: this.position >= total,
      };
    }
    const i = 2 * L - 1 - p;
    if (i === L - 1) model.zeroGrad();
    backwardLayer(model, trace, i);
    const pl = plan.layers[i];
    const nb = nodeBackward(model, trace, i);
    if (i === 0) this.hasBackward = true;
    return {
      phase: 'backward',
      index: p - L + 1,
      total: L,
      nodeId: pl.nodeId,
      edgeId: pl.inEdgeId,
      title: pl.title,
      label: `Backward ${p - L + 1}/${L}: ${pl.title}`,
      backward: nb,
      edgeGradNorm: nb.gradNorm.input,
      done: this.position >= total,
    };
  }
}

import type { Sequential, Tensor } from '../../engine';
import type { Plan } from '../../model';
import type { Targets } from '../datasets';
import { accuracy, type Trace } from '../passes';
import type { BackwardReport, ForwardReport, NodeBackward } from '../protocol';
import { summarize } from '../summary';

/** Every node's output on the batch, and the loss and accuracy once the pass reached the end. */
export function forwardReport(plan: Plan, trace: Trace, x: Tensor, y: Targets, mode: 'train' | 'eval'): ForwardReport {
  const nodes: ForwardReport['nodes'] = { [plan.inputNodeId]: summarize(x) };
  plan.layers.forEach((pl, i) => {
    if (trace.outputs[i]) nodes[pl.nodeId] = summarize(trace.outputs[i]);
  });
  const L = plan.layers.length;
  const done = trace.outputs.length === L && L > 0;
  const loss = done && plan.lossNodeId ? trace.outputs[L - 1].item() : null;
  const scores = plan.lossNodeId ? trace.inputs[L - 1] : trace.outputs[L - 1];
  return {
    batchSize: x.shape[0],
    nodes,
    loss,
    accuracy: done && scores && plan.outputFeatures >= 2 && y instanceof Int32Array ? accuracy(scores, y) : null,
    mode,
  };
}

/** Layer i's gradients after a backward step: into it, out of it, and of its parameters. */
export function nodeBackward(model: Sequential, trace: Trace, i: number): NodeBackward {
  const params = model.layers[i].params().map((p) => ({ name: p.name, value: summarize(p.value), grad: summarize(p.grad) }));
  const dOut = trace.dOuts[i];
  const dIn = summarize(trace.dIns[i]);
  const pn = Math.sqrt(params.reduce((s, p) => s + p.grad.norm ** 2, 0));
  return { dOut: dOut ? summarize(dOut) : null, dIn, params, gradNorm: { input: dIn.norm, params: pn } };
}

export function backwardReport(model: Sequential, plan: Plan, trace: Trace, x: Tensor, y: Targets, mode: 'train' | 'eval'): BackwardReport {
  const nodes: BackwardReport['nodes'] = {};
  const edgeGradNorms: Record<string, number> = {};
  plan.layers.forEach((pl, i) => {
    if (!trace.dIns[i]) return;
    nodes[pl.nodeId] = nodeBackward(model, trace, i);
    edgeGradNorms[pl.inEdgeId] = nodes[pl.nodeId].gradNorm.input;
  });
  return { forward: forwardReport(plan, trace, x, y, mode), nodes, edgeGradNorms };
}

import type { Sequential } from '../engine';
import type { LayerStepView, Plan, StepView } from '../model';
import type { Trace } from './passes';
import { norm } from './summary';

/** What never changes during a run, per layer: ids, titles, widths. */
type LayerIdentity = Omit<LayerStepView, 'output' | 'outputGrad' | 'inputGrad' | 'params'>;

export function layerIdentities(plan: Plan): LayerIdentity[] {
  return plan.layers.map((pl, i) => {
    const last = pl.outShape[pl.outShape.length - 1];
    return {
    nodeId: pl.nodeId,
    inEdgeId: pl.inEdgeId,
    type: pl.type,
    title: pl.title,
    previousNodeId: i ? plan.layers[i - 1].nodeId : plan.inputNodeId,
    units: typeof last === 'number' ? Math.max(1, last) : 1,
    };
  });
}

/**
 * One training step as the breakpoint conditions see it: each layer's output, gradients and
 * parameters straight from the trace and the model (no copies), with norms computed the
 * first time a condition asks and kept for the others.
 */
export function stepView(step: number, loss: number, model: Sequential, identities: readonly LayerIdentity[], trace: Trace): StepView {
  const layers: LayerStepView[] = identities.map((id, i) => ({
    ...id,
    output: trace.outputs[i]?.data,
    outputGrad: trace.dOuts[i]?.data,
    inputGrad: trace.dIns[i]?.data,
    params: model.layers[i].params().map((p) => ({ name: p.name, value: p.value.data, grad: p.grad.data })),
  }));
  const memo = (f: (i: number) => number | undefined) => {
    const cache = new Map<number, number | undefined>();
    return (i: number) => {
      if (!cache.has(i)) cache.set(i, f(i));
      return cache.get(i);
    };
  };
  const paramGradNorm = memo((i) => Math.sqrt(layers[i].params.reduce((s, p) => s + norm(p.grad) ** 2, 0)));
  const inputGradNorm = memo((i) => (layers[i].inputGrad ? norm(layers[i].inputGrad!) : 0));
  const outputGradNorm = memo((i) => (layers[i].outputGrad ? norm(layers[i].outputGrad!) : undefined));
  return {
    step,
    loss,
    layers,
    paramGradNorm: (i) => paramGradNorm(i)!,
    inputGradNorm: (i) => inputGradNorm(i)!,
    outputGradNorm,
  };
}

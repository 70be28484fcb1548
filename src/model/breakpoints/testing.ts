import type { NodeType } from '../kinds';
import type { LayerStepView, StepView } from './types';

/** A layer as a step left it, for the conditions' tests: outputs as rows of `units`. */
export function layer(nodeId: string, type: NodeType, fields: Partial<LayerStepView> = {}): LayerStepView {
  return {
    nodeId,
    inEdgeId: `e-${nodeId}`,
    type,
    title: type === 'Linear' ? 'Linear(4 → 4)' : type,
    previousNodeId: 'prev',
    units: 4,
    output: undefined,
    outputGrad: undefined,
    inputGrad: undefined,
    params: [],
    ...fields,
  };
}

function norm(a: ArrayLike<number> | undefined): number {
  if (!a) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** A step over these layers; norms computed from the arrays, as the training loop does. */
export function stepOf(step: number, loss: number, layers: LayerStepView[]): StepView {
  return {
    step,
    loss,
    layers,
    paramGradNorm: (i) => Math.sqrt(layers[i].params.reduce((s, p) => s + norm(p.grad) ** 2, 0)),
    inputGradNorm: (i) => norm(layers[i].inputGrad),
    outputGradNorm: (i) => (layers[i].outputGrad ? norm(layers[i].outputGrad) : undefined),
  };
}

export const f32 = (...v: number[]): Float32Array => Float32Array.from(v);

/** A Linear layer whose parameters' gradient has norm `g` (all of it in one entry). */
export function linearWithGradNorm(nodeId: string, g: number): LayerStepView {
  return layer(nodeId, 'Linear', { params: [{ name: 'w', value: f32(1, 2), grad: f32(g, 0) }, { name: 'b', value: f32(0), grad: f32(0) }] });
}

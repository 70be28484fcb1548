import type { Sequential, Tensor } from '../../engine';
import type { Plan } from '../../model';
import type { Trace } from '../passes';
import type { TensorKind, TensorView } from '../protocol';
import { tensorView } from '../tensor-view';

/** The layer of the compiled chain a node is, or an error naming the node. */
export function layerIndex(plan: Plan, nodeId: string): number {
  const i = plan.layers.findIndex((l) => l.nodeId === nodeId);
  if (i < 0) throw new Error(`Node '${nodeId}' is not a layer of the compiled chain.`);
  return i;
}

/**
 * One tensor of a node after the last pass: the Input's batch, a layer's output, the
 * gradients into and out of it (once a backward pass ran), or a parameter or its gradient.
 */
export function nodeTensor(
  at: { model: Sequential; plan: Plan; trace: Trace; hasBackward: boolean; x: Tensor },
  nodeId: string,
  kind: TensorKind,
  maxSide: number,
): TensorView | null {
  const { model, plan, trace, hasBackward } = at;
  if (nodeId === plan.inputNodeId) return kind === 'output' ? tensorView(at.x, maxSide) : null;
  const i = layerIndex(plan, nodeId);
  const params = model.layers[i].params();
  const param = (name: string, grad: boolean) => {
    const p = params.find((q) => q.name === name);
    return p ? (grad ? p.grad : p.value) : undefined;
  };
  const t =
    kind === 'output' ? trace.outputs[i]
    : kind === 'dOut' ? (hasBackward ? trace.dOuts[i] : undefined)
    : kind === 'dIn' ? (hasBackward ? trace.dIns[i] : undefined)
    : kind === 'w' || kind === 'b' ? param(kind, false)
    : param(kind.slice(1), true);
  return t ? tensorView(t, maxSide) : null;
}

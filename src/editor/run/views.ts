import type { Plan } from '../../model';
import { gradientFlow, type GradientFlow } from '../../viz';
import type { NodeBackward, StepReport, TensorSummary } from '../../runtime';
import type { RunData } from './run-data';

/**
 * What the canvas and panels show of the run state, picked narrowly so a component
 * re-renders only when its own figure changes. One rule for every figure: the stepped pass
 * on show (up to its cursor) first, then the last whole pass, then the live training
 * snapshot.
 */

/** The step on show, or null. */
export function activeStep(s: RunData): StepReport | null {
  return s.stepCursor >= 0 ? (s.steps[s.stepCursor] ?? null) : null;
}

/** Steps taken so far on show (cursor included). */
function shownSteps(s: RunData): StepReport[] {
  return s.steps.slice(0, s.stepCursor + 1);
}

/**
 * True when the worker holds a whole forward pass that the views describe, so asking it
 * for tensors or Jacobians does not disturb a stepped pass half-way through its forward phase.
 */
export function forwardComplete(s: RunData): boolean {
  if (s.forward || s.backward) return true;
  return s.steps.some((r) => r.phase === 'backward' || r.index === r.total);
}

/** Where the figures on show come from. */
export type FigureSource = 'step' | 'pass' | 'training' | null;

export function figureSource(s: RunData): FigureSource {
  if (s.stepCursor >= 0) return 'step';
  if (s.forward || s.backward) return 'pass';
  if (s.liveSnapshot) return 'training';
  return null;
}

/** Whether any edge has a gradient on show (a backward pass or step, or a training snapshot). */
export function gradientsOnShow(s: RunData): boolean {
  switch (figureSource(s)) {
    case 'step':
      return shownSteps(s).some((r) => r.phase === 'backward');
    case 'pass':
      return !!s.backward;
    case 'training':
      return true;
    default:
      return false;
  }
}

/** How much the nodes show: 0 nothing, 1 their outputs, 2 gradients too (nodes grow with each). */
export function figureLevel(s: RunData): 0 | 1 | 2 {
  return gradientsOnShow(s) ? 2 : figureSource(s) ? 1 : 0;
}

/** The node's output on show (the Input's is the batch, known after a whole pass). */
export function nodeOutput(s: RunData, nodeId: string): TensorSummary | null {
  switch (figureSource(s)) {
    case 'step': {
      if (nodeId === s.load?.plan?.inputNodeId) return s.batch;
      const steps = shownSteps(s);
      for (let i = steps.length - 1; i >= 0; i--) if (steps[i].phase === 'forward' && steps[i].nodeId === nodeId) return steps[i].output ?? null;
      return null;
    }
    case 'pass':
      return s.forward?.nodes[nodeId] ?? null;
    case 'training':
      return s.liveSnapshot?.nodes[nodeId] ?? null;
    default:
      return null;
  }
}

/** ‖dL/d(tensor on the edge)‖ on show, or null before the backward pass reached it. */
export function edgeGradNorm(s: RunData, edgeId: string): number | null {
  switch (figureSource(s)) {
    case 'step': {
      for (const r of shownSteps(s)) if (r.phase === 'backward' && r.edgeId === edgeId) return r.edgeGradNorm ?? null;
      return null;
    }
    case 'pass':
      return s.backward?.edgeGradNorms[edgeId] ?? null;
    case 'training':
      return s.liveSnapshot?.edgeGradNorms[edgeId] ?? null;
    default:
      return null;
  }
}

/** The node's backward report on show (a stepped or whole backward pass; not while training). */
export function nodeBackward(s: RunData, nodeId: string): NodeBackward | null {
  if (s.stepCursor >= 0) {
    for (const r of shownSteps(s)) if (r.phase === 'backward' && r.nodeId === nodeId) return r.backward ?? null;
    return null;
  }
  return s.backward?.nodes[nodeId] ?? null;
}

/** ‖dL/dθ‖ of the node's parameters on show, or null. */
export function paramGradNorm(s: RunData, nodeId: string): number | null {
  if (figureSource(s) === 'training') return s.liveSnapshot?.gradNorms[nodeId]?.params ?? null;
  return nodeBackward(s, nodeId)?.gradNorm.params ?? null;
}

const outEdges = new WeakMap<Plan, Map<string, string>>();

/** Node id → the edge that carries its output into the next layer, along the compiled chain. */
export function outEdgeOf(plan: Plan, nodeId: string): string | null {
  let m = outEdges.get(plan);
  if (!m) {
    m = new Map();
    if (plan.layers.length) m.set(plan.inputNodeId, plan.layers[0].inEdgeId);
    for (let i = 0; i + 1 < plan.layers.length; i++) m.set(plan.layers[i].nodeId, plan.layers[i + 1].inEdgeId);
    outEdges.set(plan, m);
  }
  return m.get(nodeId) ?? null;
}

/** ‖dL/d(node's output)‖ on show: the gradient flowing into the node from the layer after it. */
export function outputGradNorm(s: RunData, nodeId: string): number | null {
  const plan = s.load?.plan;
  const e = plan ? outEdgeOf(plan, nodeId) : null;
  return e ? edgeGradNorm(s, e) : null;
}

/** The loss on show: the stepped pass's, the last pass's, or training's latest batch. */
export function lossOnShow(s: RunData, lossNodeId: string): number | null {
  switch (figureSource(s)) {
    case 'step': {
      for (const r of shownSteps(s)) if (r.nodeId === lossNodeId && r.loss !== undefined) return r.loss;
      return null;
    }
    case 'pass':
      return s.forward?.loss ?? null;
    case 'training':
      return s.liveSnapshot?.nodes[lossNodeId]?.mean ?? null;
    default:
      return null;
  }
}

/** The step's phase when `nodeId` is the node the step on show is at. */
export function activePhase(s: RunData, nodeId: string): StepReport['phase'] | null {
  const a = activeStep(s);
  return a && a.nodeId === nodeId ? a.phase : null;
}

/** The largest relative error of the node's gradient check, or null before one ran. */
export function gradcheckError(s: RunData, nodeId: string): number | null {
  const l = s.gradcheck?.layers.find((x) => x.nodeId === nodeId);
  return l ? l.result.maxRelError : null;
}

/** Every edge's ‖dL/d(tensor)‖ on show (the same object while the figures on show are), or null. */
export function edgeGradNormsOnShow(s: RunData): Readonly<Record<string, number>> | null {
  switch (figureSource(s)) {
    case 'step': {
      const shown = shownSteps(s);
      if (!shown.some((r) => r.phase === 'backward')) return null;
      const key = shown[shown.length - 1];
      let m = stepNorms.get(key);
      if (!m) {
        m = {};
        for (const r of shown) if (r.phase === 'backward' && r.edgeGradNorm !== undefined) m[r.edgeId] = r.edgeGradNorm;
        stepNorms.set(key, m);
      }
      return m;
    }
    case 'pass':
      return s.backward?.edgeGradNorms ?? null;
    case 'training':
      return s.liveSnapshot?.edgeGradNorms ?? null;
    default:
      return null;
  }
}
const stepNorms = new WeakMap<object, Record<string, number>>();
const flows = new WeakMap<object, WeakMap<Plan, GradientFlow>>();

/**
 * How the gradient on show changes along the chain (its range, and where it vanishes or
 * explodes), computed once per pass and plan.
 */
export function gradientFlowOnShow(s: RunData): GradientFlow | null {
  const norms = edgeGradNormsOnShow(s);
  const plan = s.load?.plan;
  if (!norms || !plan) return null;
  let byPlan = flows.get(norms);
  if (!byPlan) flows.set(norms, (byPlan = new WeakMap()));
  let f = byPlan.get(plan);
  if (!f) byPlan.set(plan, (f = gradientFlow(plan.layers.map((l) => ({ edgeId: l.inEdgeId, weighted: l.paramCount > 0 })), norms)));
  return f;
}

/** The condition's name when the run is paused at a breakpoint pointing at this node or edge, else null. */
export function pausedAt(s: RunData, kind: 'node' | 'edge', id: string): string | null {
  const hit = s.training.state === 'paused' ? s.training.breakpoint : null;
  if (!hit) return null;
  return (kind === 'node' ? hit.nodeId : hit.edgeId) === id ? hit.label : null;
}

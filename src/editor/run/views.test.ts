import { describe, expect, it } from 'vitest';
import type { BackwardReport, ForwardReport, LiveSnapshot, StepReport, TensorSummary } from '../../runtime';
import type { Plan } from '../../model';
import { initialRunData, type RunData } from './run-data';
import { activePhase, edgeGradNorm, figureSource, forwardComplete, lossOnShow, nodeOutput, outEdgeOf, outputGradNorm, paramGradNorm } from './views';

function summary(mean: number, norm = 1): TensorSummary {
  return { shape: [2, 2], size: 4, min: 0, max: 1, mean, std: 0.1, norm, zeros: 0, nonFinite: 0, histogram: { lo: 0, hi: 1, counts: new Uint32Array(4) } };
}

// input -e1-> fc -e2-> relu -e3-> loss
const plan = {
  inputNodeId: 'input',
  layers: [
    { nodeId: 'fc', inEdgeId: 'e1', title: 'Linear(2 → 2)' },
    { nodeId: 'relu', inEdgeId: 'e2', title: 'ReLU' },
    { nodeId: 'loss', inEdgeId: 'e3', title: 'Cross-entropy loss' },
  ],
} as unknown as Plan;

function state(over: Partial<RunData>): RunData {
  return { ...initialRunData(), ready: true, load: { plan } as RunData['load'], stepTotal: 6, batch: summary(0.05), ...over };
}

const fwd = (i: number, nodeId: string, edgeId: string, out: TensorSummary, loss?: number): StepReport => ({
  phase: 'forward', index: i, total: 3, nodeId, edgeId, title: nodeId, label: `Forward ${i}/3: ${nodeId}`, output: out, loss, done: false,
});
const bwd = (i: number, nodeId: string, edgeId: string, g: number): StepReport => ({
  phase: 'backward', index: i, total: 3, nodeId, edgeId, title: nodeId, label: `Backward ${i}/3: ${nodeId}`, edgeGradNorm: g,
  backward: { dOut: null, dIn: summary(0, g), params: [], gradNorm: { input: g, params: nodeId === 'fc' ? 7 : 0 } }, done: i === 3,
});

describe('run views: the figures on show', () => {
  const steps = [fwd(1, 'fc', 'e1', summary(0.1)), fwd(2, 'relu', 'e2', summary(0.2)), fwd(3, 'loss', 'e3', summary(1.5), 1.5), bwd(1, 'loss', 'e3', 0.3), bwd(2, 'relu', 'e2', 0.2), bwd(3, 'fc', 'e1', 0.1)];

  it('follow the stepped pass up to its cursor', () => {
    const s = state({ steps, stepCursor: 4 });
    expect(figureSource(s)).toBe('step');
    expect(nodeOutput(s, 'relu')?.mean).toBe(0.2);
    expect(nodeOutput(s, 'input')?.mean).toBe(0.05);
    expect(lossOnShow(s, 'loss')).toBe(1.5);
    expect(edgeGradNorm(s, 'e3')).toBe(0.3);
    expect(edgeGradNorm(s, 'e2')).toBe(0.2);
    expect(edgeGradNorm(s, 'e1')).toBeNull();
    // The gradient flowing into fc is what relu sent back on fc's output edge.
    expect(outputGradNorm(s, 'fc')).toBe(0.2);
    expect(outputGradNorm(s, 'input')).toBeNull();
    expect(activePhase(s, 'relu')).toBe('backward');
    expect(activePhase(s, 'fc')).toBeNull();
    expect(paramGradNorm(s, 'fc')).toBeNull();
    const back = state({ steps, stepCursor: 1 });
    expect(nodeOutput(back, 'relu')?.mean).toBe(0.2);
    expect(nodeOutput(back, 'loss')).toBeNull();
    expect(edgeGradNorm(back, 'e3')).toBeNull();
  });

  it('tell when the worker holds a whole forward pass', () => {
    expect(forwardComplete(state({ steps: steps.slice(0, 2), stepCursor: 1 }))).toBe(false);
    expect(forwardComplete(state({ steps: steps.slice(0, 3), stepCursor: 0 }))).toBe(true);
    expect(forwardComplete(state({ forward: {} as ForwardReport }))).toBe(true);
    expect(forwardComplete(state({}))).toBe(false);
  });

  it('fall back to the last whole pass, then to the training snapshot', () => {
    const backward = {
      forward: { nodes: { fc: summary(0.5) }, loss: 0.9 } as unknown as ForwardReport,
      nodes: { fc: { dOut: summary(0), dIn: summary(0), params: [], gradNorm: { input: 0.01, params: 0.04 } } },
      edgeGradNorms: { e1: 0.01, e2: 0.02 },
    } as unknown as BackwardReport;
    const s = state({ forward: backward.forward, backward });
    expect(figureSource(s)).toBe('pass');
    expect(nodeOutput(s, 'fc')?.mean).toBe(0.5);
    expect(outputGradNorm(s, 'fc')).toBe(0.02);
    expect(outputGradNorm(s, 'input')).toBe(0.01);
    expect(paramGradNorm(s, 'fc')).toBe(0.04);
    expect(lossOnShow(s, 'loss')).toBe(0.9);

    const snapshot: LiveSnapshot = { step: 40, nodes: { loss: summary(0.7) }, gradNorms: { fc: { input: 1, params: 3 } }, edgeGradNorms: { e3: 0.5 } };
    const t = state({ training: { ...state({}).training, state: 'running', snapshot }, liveSnapshot: snapshot });
    expect(figureSource(t)).toBe('training');
    expect(edgeGradNorm(t, 'e3')).toBe(0.5);
    expect(outputGradNorm(t, 'relu')).toBe(0.5);
    expect(paramGradNorm(t, 'fc')).toBe(3);
    expect(lossOnShow(t, 'loss')).toBe(0.7);
    expect(figureSource(state({}))).toBeNull();
  });

  it('map each node to the edge that carries its output', () => {
    expect(outEdgeOf(plan, 'input')).toBe('e1');
    expect(outEdgeOf(plan, 'fc')).toBe('e2');
    expect(outEdgeOf(plan, 'loss')).toBeNull();
  });
});

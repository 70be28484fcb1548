import { describe, expect, it } from 'vitest';
import type { GradcheckReport, TensorSummary } from '../../runtime';
import { activationText, gradientText, pulseDurationMs } from '../../editor/flow/EdgePulse';
import { gradcheckText } from './GradcheckTab';
import { gradNormLayers } from './GradNormsTab';
import { deadUnits, inspectedKinds } from './TensorInspector';
import type { Plan } from '../../model';

const summary = (over: Partial<TensorSummary>): TensorSummary => ({
  shape: [4, 3], size: 12, min: 0, max: 1, mean: 0, std: 0, norm: 0, zeros: 0, nonFinite: 0, histogram: { lo: 0, hi: 1, counts: new Uint32Array(4) }, ...over,
});

describe('watching: the words and numbers around the views', () => {
  it('describes an activation and a gradient on an edge', () => {
    expect(activationText(summary({ mean: 0.1234, std: 0.8, zeros: 0.31 }))).toBe('mean 0.123 ± 0.8, 31% zeros');
    expect(activationText(summary({ mean: -2, std: 0.5 }))).toBe('mean −2 ± 0.5');
    expect(gradientText(summary({ norm: 0.0421, mean: -1.2e-4, std: 0.003 }))).toBe('‖∂L/∂x‖ 0.0421 · mean −1.2e−4 ± 0.003');
  });

  it('keeps a pulse within a played step and within bounds that read as motion', () => {
    expect(pulseDurationMs(600)).toBe(480);
    expect(pulseDurationMs(120)).toBe(250);
    expect(pulseDurationMs(1500)).toBe(900);
  });

  it('counts the units that output zero for the whole batch, only at full resolution', () => {
    // 3 samples × 4 units: unit 1 is never positive, unit 3 only negative.
    const data = Float32Array.from([0.5, 0, 0, -1, 0, 0, 2, -2, 1, 0, 0, 0]);
    expect(deadUnits({ rows: 3, cols: 4, rowStep: 1, colStep: 1, data })).toEqual({ dead: 2, units: 4 });
    expect(deadUnits({ rows: 3, cols: 4, rowStep: 2, colStep: 1, data })).toBeNull();
  });

  it('shows the tensors each kind of node has', () => {
    expect(inspectedKinds('Linear')).toEqual(['w', 'b', 'output', 'dw', 'db', 'dIn']);
    expect(inspectedKinds('ReLU')).toEqual(['output', 'dIn']);
    expect(inspectedKinds('Input')).toEqual(['output']);
    expect(inspectedKinds('CrossEntropyLoss')).toEqual(['dIn']);
  });

  it('copies the gradient check as one block per layer in the homework format', () => {
    const layer = (nodeId: string, title: string, report: string) => ({ nodeId, title, report, result: { input: {}, params: [], maxRelError: 0 } });
    const r = { layers: [layer('fc1', 'Linear(2 → 3)', 'input    diff=0.000\nparam#01 diff=0.000'), layer('relu1', 'ReLU', 'input    diff=0.000')], maxRelError: 0, threshold: 1e-6, passed: true } as unknown as GradcheckReport;
    expect(gradcheckText(r)).toBe('fc1: Linear(2 → 3)\ninput    diff=0.000\nparam#01 diff=0.000\n\nrelu1: ReLU\ninput    diff=0.000');
  });

  it('follows the layers with parameters in the gradient-norm chart, named by node and title', () => {
    const plan = { layers: [{ nodeId: 'fc1', title: 'Linear(2 → 16)', paramCount: 48 }, { nodeId: 'sigmoid1', title: 'Sigmoid', paramCount: 0 }, { nodeId: 'fc2', title: 'Linear(16 → 2)', paramCount: 34 }] } as unknown as Plan;
    expect(gradNormLayers(plan)).toEqual([
      { id: 'fc1', title: 'fc1 · Linear(2 → 16)' },
      { id: 'fc2', title: 'fc2 · Linear(16 → 2)' },
    ]);
  });
});

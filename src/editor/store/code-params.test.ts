import { describe, expect, it } from 'vitest';
import { analyzeGraph, buildMlpGraph, CODE_TEMPLATES, defaultTraining, type ModelDocument } from '../../model';
import { EngineService } from '../../runtime';
import { CodeParamsMemory } from './code-params';
import { createEditorStore } from './editor-store';

/** Input(2) → Linear(16) → the affine template in place of the ReLU (16 → out) → Linear(3) → cross-entropy. */
function affineDoc(out: number): ModelDocument {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [16], activation: 'relu' });
  const relu = nodes.find((n) => n.type === 'ReLU')!;
  Object.assign(relu, { type: 'Custom', id: relu.id, params: { out_features: out }, code: CODE_TEMPLATES.find((t) => t.id === 'affine')!.code });
  delete nodes.find((n) => n.id === 'fc2')!.params.in_features;
  return { format: 'backprop-studio/model', version: 2, name: 'affine', seed: 5, nodes, edges, training: defaultTraining() };
}

describe("a Custom node's parameters on the page", () => {
  it('are unknown until the engine built its code, then counted as a built-in layer’s', () => {
    const d = affineDoc(8);
    const engine = new EngineService();
    const plan = engine.load(d, { weights: 'document', runCode: true }).plan!;
    // The page runs no code: its analysis alone does not know the count.
    expect(analyzeGraph(d).paramCounts.relu1).toBeUndefined();
    const memory = new CodeParamsMemory();
    expect(memory.learn(plan)).toBe(true);
    expect(memory.learn(plan)).toBe(false);
    const learned = analyzeGraph(d, { codeParams: memory.lookup });
    expect(learned.paramCounts.relu1).toBe(8 * 16 + 8);
    expect(learned.plan!.layers.find((l) => l.nodeId === 'relu1')!.params).toEqual([{ name: 'w', shape: [8, 16] }, { name: 'b', shape: [8] }]);
    expect(learned.plan!.totalParams).toBe(plan.totalParams);
    // Other widths make another layer: unknown until built.
    expect(analyzeGraph(affineDoc(9), { codeParams: memory.lookup }).paramCounts.relu1).toBeUndefined();
  });

  it('reach the editor store from a load, without an undo step or a new revision', () => {
    const d = affineDoc(8);
    const store = createEditorStore(d);
    const { revision, history } = store.getState();
    expect(store.getState().analysis.paramCounts.relu1).toBeUndefined();
    store.getState().learnCodeParams(new EngineService().load(d, { weights: 'document', runCode: true }).plan!);
    expect(store.getState().analysis.paramCounts.relu1).toBe(136);
    expect(store.getState().analysis.plan!.totalParams).toBe(2 * 16 + 16 + 136 + 8 * 3 + 3);
    expect(store.getState().revision).toBe(revision);
    expect(store.getState().history).toBe(history);
    // An edit keeps what was learned.
    store.getState().setName('renamed');
    expect(store.getState().analysis.paramCounts.relu1).toBe(136);
  });
});

import { describe, expect, it } from 'vitest';
import { buildMlpGraph, MLP_COLUMN_SPACING } from '../../model/build-mlp';
import { CURRENT_VERSION, FORMAT, type ModelDocument, type StoredWeights } from '../../model/schema';
import { createEditorStore, currentDocument } from './editor-store';
import { HISTORY_LIMIT } from './history';

function mlpDoc(hidden = [4], name = 'mlp'): ModelDocument {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: hidden, activation: 'relu' });
  return { format: FORMAT, version: CURRENT_VERSION, name, seed: 7, nodes, edges };
}

const tensor = (shape: number[]) => ({ shape, dtype: 'float32' as const, data: '' });
const weightsFor = (out: number, inF: number): StoredWeights => ({ fc1: { w: tensor([out, inF]), b: tensor([out]) } });

describe('editor store: edits and undo', () => {
  it('adds a node with default parameters as one undo step, and undo/redo walk it back and forth', () => {
    const store = createEditorStore();
    const s = store.getState();
    const id = s.addNode('Linear', { x: 10, y: 20 });
    expect(id).toBe('fc1');
    expect(store.getState().doc.nodes).toEqual([{ id: 'fc1', type: 'Linear', params: { out_features: 16 }, position: { x: 10, y: 20 } }]);
    expect(store.getState().selection.nodes).toEqual(['fc1']);
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc.nodes).toEqual([]);
    expect(store.getState().selection.nodes).toEqual([]);
    store.getState().redo();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['fc1']);
  });

  it('connects a valid pair and refuses a cycle or a second input without touching the document or history', () => {
    const store = createEditorStore(mlpDoc());
    const before = store.getState().doc;
    const cycle = store.getState().connect('fc2', 'fc1');
    expect(cycle.ok).toBe(false);
    expect(!cycle.ok && cycle.reason).toMatch(/cycle/);
    const second = store.getState().connect('input', 'relu1');
    expect(!second.ok && second.reason).toMatch(/already receives its input from Linear 'fc1'/);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);

    store.getState().deleteElements([], ['e4']);
    const ok = store.getState().connect('fc2', 'loss');
    expect(ok).toEqual({ ok: true, edgeId: 'e4' });
    expect(store.getState().doc.edges.some((e) => e.source === 'fc2' && e.target === 'loss')).toBe(true);
    expect(store.getState().history.past).toHaveLength(2);
  });

  it('keeps the live analysis current: a size mismatch appears on the Linear and goes when fixed', () => {
    const store = createEditorStore(mlpDoc());
    expect(store.getState().analysis.diagnostics).toEqual([]);
    store.getState().setParam('fc1', 'out_features', 5);
    const pins = store.getState().pins.byNode.fc2 ?? [];
    expect(pins.map((d) => d.field)).toContain('in_features');
    expect(pins[0].message).toMatch(/expects 4 input features \(in_features\) but receives 5/);
    store.getState().setParam('fc2', 'in_features', undefined);
    expect(store.getState().analysis.diagnostics).toEqual([]);
    expect(store.getState().analysis.nodeShapes.fc2).toEqual(['N', 3]);
    expect(store.getState().history.past).toHaveLength(2);
  });

  it('shares every untouched node object after an edit (structural sharing)', () => {
    const store = createEditorStore(mlpDoc());
    const before = store.getState().doc.nodes;
    store.getState().setParam('fc1', 'out_features', 8);
    const after = store.getState().doc.nodes;
    after.forEach((n, i) => (n.id === 'fc1' ? expect(n).not.toBe(before[i]) : expect(n).toBe(before[i])));
    expect(store.getState().history.past[0].doc.nodes).toBe(before);
  });

  it('records a move of nodes as one step, and a move to where they are as none', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().moveNodes(new Map([['fc1', { x: 240, y: 30 }], ['relu1', { x: 500, y: 30 }]]));
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getState().doc.nodes.find((n) => n.id === 'fc1')!.position).toEqual({ x: 240, y: 30 });
    store.getState().moveNodes(new Map([['fc1', { x: 240, y: 30 }]]));
    expect(store.getState().history.past).toHaveLength(1);

    store.getState().undo();
    expect(store.getState().doc.nodes.find((n) => n.id === 'fc1')!.position).toEqual({ x: MLP_COLUMN_SPACING, y: 0 });
  });

  it('makes each move outside a drag (arrow keys) its own step', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().moveNodes(new Map([['fc1', { x: 215, y: 0 }]]));
    store.getState().moveNodes(new Map([['fc1', { x: 220, y: 0 }]]));
    expect(store.getState().history.past).toHaveLength(2);
  });

  it('deletes the selection with the edges touching it as one step', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().select({ nodes: ['relu1'], edges: ['e3'] });
    store.getState().deleteSelection();
    const { doc, history, selection } = store.getState();
    expect(doc.nodes.map((n) => n.id)).toEqual(['input', 'fc1', 'fc2', 'loss']);
    expect(doc.edges.map((e) => e.id)).toEqual(['e1', 'e4']);
    expect(selection).toEqual({ nodes: [], edges: [] });
    expect(history.past).toHaveLength(1);
  });

  it('imports as one undo step that restores the previous graph', () => {
    const store = createEditorStore(mlpDoc([4], 'first'));
    store.getState().setParam('fc1', 'out_features', 6);
    store.getState().replaceDocument(mlpDoc([8, 8], 'second'));
    expect(store.getState().doc.name).toBe('second');
    expect(store.getState().doc.nodes).toHaveLength(7);
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc.name).toBe('first');
    expect(store.getState().doc.nodes.find((n) => n.id === 'fc1')!.params).toEqual({ in_features: 2, out_features: 6 });
  });

  it('renames and reseeds as single steps', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().setName('Spiral classifier');
    store.getState().setSeed(123);
    store.getState().setName('Spiral classifier');
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc.seed).toBe(7);
  });

  it('caps the history', () => {
    const store = createEditorStore(mlpDoc());
    for (let i = 0; i < HISTORY_LIMIT + 25; i++) store.getState().setSeed(i + 1000);
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
    expect(store.getState().history.past[0].doc.seed).toBe(1024);
  });
});

describe('editor store: weights stay out of the history', () => {
  it('setting weights is not an undo step, and undoing an edit keeps weights that still fit', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().setLabel('relu1', 'hidden activation');
    store.getState().setWeights(weightsFor(4, 2));
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().weights).toEqual(weightsFor(4, 2));
    expect(store.getState().doc.nodes.find((n) => n.id === 'relu1')!.label).toBeUndefined();
    store.getState().redo();
    expect(currentDocument(store.getState()).weights).toEqual(weightsFor(4, 2));
  });

  it('drops the weights of a layer whose size changed or that was deleted; undo does not bring them back', () => {
    const store = createEditorStore({ ...mlpDoc(), weights: weightsFor(4, 2) });
    expect(store.getState().weights).toEqual(weightsFor(4, 2));
    store.getState().setParam('fc1', 'out_features', 5);
    expect(store.getState().weights).toBeUndefined();
    store.getState().undo();
    expect(store.getState().weights).toBeUndefined();
    expect(store.getState().history.future).toHaveLength(1);
  });

  it('keeps a Linear weights while its input size is unknown', () => {
    const store = createEditorStore({ ...mlpDoc(), weights: weightsFor(4, 2) });
    store.getState().setParam('fc1', 'in_features', undefined);
    store.getState().deleteElements([], ['e1']);
    expect(store.getState().weights).toEqual(weightsFor(4, 2));
  });

  it("does not pair one model's weights with another's graph across an import", () => {
    const store = createEditorStore(mlpDoc());
    store.getState().replaceDocument({ ...mlpDoc(), name: 'imported', weights: weightsFor(4, 2) });
    expect(store.getState().weights).toEqual(weightsFor(4, 2));
    store.getState().undo();
    expect(store.getState().weights).toBeUndefined();
  });

  it('loading a document clears the history and takes its weights', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().setSeed(1);
    store.getState().loadDocument({ ...mlpDoc(), weights: weightsFor(4, 2) });
    expect(store.getState().history).toEqual({ past: [], future: [] });
    expect(store.getState().weights).toEqual(weightsFor(4, 2));
  });
});

describe('editor store: palette, clipboard and MLP', () => {
  it('adds from the palette after the selected node, connected, when the chain can continue there', () => {
    const store = createEditorStore();
    const input = store.getState().addNodeFromPalette('Input', { x: 0, y: 0 });
    const fc = store.getState().addNodeFromPalette('Linear', { x: 0, y: 0 });
    const relu = store.getState().addNodeFromPalette('ReLU', { x: 0, y: 0 });
    const { doc, analysis } = store.getState();
    expect(doc.edges.map((e) => [e.source, e.target])).toEqual([
      [input, fc],
      [fc, relu],
    ]);
    const pos = (id: string) => doc.nodes.find((n) => n.id === id)!.position;
    expect(pos(fc).x - pos(input).x).toBe(210);
    expect(pos(fc).y).toBe(pos(input).y);
    expect(analysis.nodeShapes[relu]).toEqual(['N', 16]);
    expect(store.getState().history.past).toHaveLength(3);
  });

  it('does not connect when the selected node cannot continue the chain, and never overlaps', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().select({ nodes: ['loss'], edges: [] });
    const id = store.getState().addNodeFromPalette('ReLU', { x: 300, y: 40 });
    const { doc } = store.getState();
    expect(doc.edges.some((e) => e.target === id || e.source === id)).toBe(false);
    const p = doc.nodes.find((n) => n.id === id)!.position;
    for (const n of doc.nodes) {
      if (n.id === id) continue;
      const apart = Math.abs(n.position.x - p.x) >= 180 || Math.abs(n.position.y - p.y) >= 92;
      expect(apart, `overlaps ${n.id}`).toBe(true);
    }
  });

  it('copies nodes with the edges between them and pastes them with new ids, offset, as one step', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().select({ nodes: ['fc1', 'relu1'], edges: [] });
    expect(store.getState().copySelection()).toBe(true);
    const ids = store.getState().paste();
    const ids2 = store.getState().paste();
    expect(ids).toEqual(['fc3', 'relu2']);
    expect(ids2).toEqual(['fc4', 'relu3']);
    const { doc, history, selection } = store.getState();
    const byId = (id: string) => doc.nodes.find((n) => n.id === id)!;
    expect(byId('fc3').position).toEqual({ x: MLP_COLUMN_SPACING + 40, y: 40 });
    expect(byId('fc4').position).toEqual({ x: MLP_COLUMN_SPACING + 80, y: 80 });
    expect(byId('fc3').params).toEqual(byId('fc1').params);
    expect(doc.edges.filter((e) => ids.includes(e.source))).toEqual([{ id: 'e5', source: 'fc3', target: 'relu2' }]);
    expect(selection.nodes).toEqual(ids2);
    expect(history.past).toHaveLength(2);
  });

  it('builds an MLP replacing the graph, or beside it with ids that do not clash', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().buildMlp({ inFeatures: 10, numClasses: 4, hiddenFeatures: [32, 16], activation: 'tanh', dropout: 0.2 }, 'add');
    let { doc, analysis } = store.getState();
    // Input, (Linear, TanH, Dropout) × 2, Linear, loss beside the 5 nodes already there.
    expect(doc.nodes).toHaveLength(5 + 9);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(14);
    expect(doc.nodes.filter((n) => n.id.startsWith('mlp1_')).every((n) => n.position.y > 100)).toBe(true);
    expect(analysis.diagnostics.some((d) => /Input nodes/.test(d.message))).toBe(true);
    store.getState().buildMlp({ inFeatures: 10, numClasses: 4, hiddenFeatures: [32], activation: 'sigmoid' }, 'replace');
    ({ doc, analysis } = store.getState());
    expect(doc.nodes.map((n) => n.type)).toEqual(['Input', 'Linear', 'Sigmoid', 'Linear', 'CrossEntropyLoss']);
    expect(analysis.plan?.totalParams).toBe(10 * 32 + 32 + 32 * 4 + 4);
    expect(store.getState().history.past).toHaveLength(2);
  });

  it('selects all nodes and edges', () => {
    const store = createEditorStore(mlpDoc());
    store.getState().selectAll();
    expect(store.getState().selection.nodes).toHaveLength(5);
    expect(store.getState().selection.edges).toHaveLength(4);
  });
});

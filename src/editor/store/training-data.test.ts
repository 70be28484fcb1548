import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, defaultTraining, FORMAT, type ModelDocument } from '../../model/schema';
import { createEditorStore, currentDocument } from './editor-store';
import { setInputFeatures } from './input-features';
import type { EditableDocument } from './types';

function chain(spec: [id: string, type: string, params?: Record<string, number>][]): EditableDocument {
  return {
    format: FORMAT,
    version: CURRENT_VERSION,
    name: 'chain',
    seed: 3,
    nodes: spec.map(([id, type, params], i) => ({ id, type, params: params ?? {}, position: { x: i * 200, y: 0 } })) as EditableDocument['nodes'],
    edges: spec.slice(1).map(([id], i) => ({ id: `e${i + 1}`, source: spec[i][0], target: id })),
  };
}

const params = (doc: EditableDocument, id: string) => doc.nodes.find((n) => n.id === id)!.params as Record<string, number | undefined>;

describe('setInputFeatures', () => {
  it('sets the Input and the explicit in_features of the first Linear, through activations and dropout', () => {
    const doc = chain([
      ['input', 'Input', { features: 2 }],
      ['drop', 'Dropout', { p: 0.1 }],
      ['act', 'TanH'],
      ['fc1', 'Linear', { in_features: 2, out_features: 8 }],
      ['fc2', 'Linear', { in_features: 8, out_features: 3 }],
    ]);
    const out = setInputFeatures(doc, 5);
    expect(params(out, 'input').features).toBe(5);
    expect(params(out, 'fc1')).toEqual({ in_features: 5, out_features: 8 });
    expect(params(out, 'fc2')).toEqual({ in_features: 8, out_features: 3 });
    // Untouched nodes are the same objects (the canvas re-renders only what changed).
    expect(out.nodes[1]).toBe(doc.nodes[1]);
    expect(out.nodes[4]).toBe(doc.nodes[4]);
  });

  it('leaves an inferred in_features to inference, and returns the same document when nothing changes', () => {
    const doc = chain([
      ['input', 'Input', { features: 4 }],
      ['fc1', 'Linear', { out_features: 8 }],
    ]);
    const out = setInputFeatures(doc, 6);
    expect(params(out, 'fc1')).toEqual({ out_features: 8 });
    expect(params(out, 'input').features).toBe(6);
    expect(setInputFeatures(out, 6)).toBe(out);
  });

  it('terminates on a graph with a cycle and ignores edges to missing nodes', () => {
    const doc = chain([
      ['input', 'Input', { features: 2 }],
      ['a', 'ReLU'],
      ['b', 'Sigmoid'],
    ]);
    const cyclic = { ...doc, edges: [...doc.edges, { id: 'back', source: 'b', target: 'a' }, { id: 'ghost', source: 'a', target: 'nowhere' }] };
    expect(params(setInputFeatures(cyclic, 3), 'input').features).toBe(3);
  });
});

describe('editor store: setTrainingData', () => {
  function store() {
    const doc = chain([
      ['input', 'Input', { features: 2 }],
      ['fc1', 'Linear', { in_features: 2, out_features: 3 }],
      ['loss', 'CrossEntropyLoss'],
    ]);
    return createEditorStore({ ...doc, training: defaultTraining() } as ModelDocument);
  }

  it('changes the settings and the Input together as one undo step, and the analysis follows', () => {
    const s = store();
    const training = { ...defaultTraining(), dataset: { ...defaultTraining().dataset, kind: 'csv' as const, csv: { name: 'iris.csv', text: 'a,b,c,d,label\n1,2,3,4,0\n' } } };
    s.getState().setTrainingData(training, 4);
    const doc = currentDocument(s.getState());
    expect(doc.training).toBe(training);
    expect(params(doc, 'input').features).toBe(4);
    expect(params(doc, 'fc1').in_features).toBe(4);
    expect(s.getState().analysis.nodeShapes.fc1).toEqual(['N', 3]);
    expect(s.getState().analysis.plan?.inputFeatures).toBe(4);
    expect(s.getState().history.past).toHaveLength(1);
    s.getState().undo();
    expect(params(s.getState().doc, 'input').features).toBe(2);
    expect(s.getState().doc.training?.dataset.kind).toBe('spiral');
    expect(s.getState().analysis.plan?.inputFeatures).toBe(2);
  });

  it('without features changes only the settings; the same settings again are no step at all', () => {
    const s = store();
    const nodes = s.getState().doc.nodes;
    const training = { ...defaultTraining(), epochs: 7 };
    s.getState().setTrainingData(training);
    expect(s.getState().doc.nodes).toBe(nodes);
    expect(s.getState().doc.training?.epochs).toBe(7);
    s.getState().setTrainingData(training, 2);
    expect(s.getState().history.past).toHaveLength(1);
  });
});

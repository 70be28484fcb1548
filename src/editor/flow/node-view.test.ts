import { describe, expect, it } from 'vitest';
import { buildMlpGraph } from '../../model/build-mlp';
import { CURRENT_VERSION, FORMAT } from '../../model/schema';
import { createEditorStore } from '../store/editor-store';
import { selectEdgeView, selectNodeView } from './node-view';

function store() {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 4, numClasses: 2, hiddenFeatures: [8, 8], activation: 'relu' });
  return createEditorStore({ format: FORMAT, version: CURRENT_VERSION, name: 'views', seed: 1, nodes, edges });
}

describe('node and edge views on the canvas', () => {
  it('give the same objects back while nodes only move', () => {
    const s = store();
    const node = selectNodeView(s.getState(), 'fc1');
    const edge = selectEdgeView(s.getState(), 'e2');
    s.getState().moveNodes(new Map([['fc1', { x: 40, y: 9 }]]));
    expect(selectNodeView(s.getState(), 'fc1')).toBe(node);
    expect(selectEdgeView(s.getState(), 'e2')).toBe(edge);
  });

  it('follow a change of the analysis', () => {
    const s = store();
    expect(selectNodeView(s.getState(), 'fc2')).toMatchObject({ shape: '[N, 8]', severity: null });
    s.getState().setParam('fc1', 'out_features', 3);
    // fc2's in_features (8) no longer matches what fc1 sends (3): pinned to fc2.
    const fc2 = selectNodeView(s.getState(), 'fc2');
    expect(fc2.severity).toBe('error');
    expect(fc2.messages).toMatch(/in_features/);
    expect(selectEdgeView(s.getState(), 'e2').shape).toBe('[N, 3]');
  });
});

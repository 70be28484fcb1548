import { describe, expect, it } from 'vitest';
import { buildMlpGraph } from '../../model/build-mlp';
import { CURRENT_VERSION, FORMAT } from '../../model/schema';
import { createEditorStore } from '../store/editor-store';
import { createEdgeDeriver, createNodeDeriver } from './derive';

function bigStore(n: number) {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 4, numClasses: 2, hiddenFeatures: Array.from({ length: n }, () => 8), activation: 'relu' });
  return createEditorStore({ format: FORMAT, version: CURRENT_VERSION, name: 'big', seed: 1, nodes, edges });
}

describe('React Flow nodes derived from the document', () => {
  it('keeps every node object but the dragged one while dragging in a 200-node graph', () => {
    const store = bigStore(99);
    const derive = createNodeDeriver();
    const none = new Set<string>();
    const first = derive(store.getState().doc.nodes, none, {});
    expect(first.length).toBeGreaterThanOrEqual(200);
    store.getState().moveNodes(new Map([['fc50', { x: 1, y: 2 }]]));
    const second = derive(store.getState().doc.nodes, none, {});
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed).toEqual(['fc50']);
    expect(second.find((n) => n.id === 'fc50')!.position).toEqual({ x: 1, y: 2 });
  });

  it('re-creates a node when its selection or measured size changes, and only then', () => {
    const store = bigStore(2);
    const derive = createNodeDeriver();
    const nodes = store.getState().doc.nodes;
    const a = derive(nodes, new Set(), {});
    const size = { width: 150, height: 60 };
    const b = derive(nodes, new Set(['fc1']), { relu1: size });
    expect(b.filter((n, i) => n !== a[i]).map((n) => n.id)).toEqual(['fc1', 'relu1']);
    expect(b.find((n) => n.id === 'fc1')!.selected).toBe(true);
    expect(b.find((n) => n.id === 'relu1')!.measured).toEqual(size);
    // Their data (what their views render from) stays the same object.
    for (const id of ['fc1', 'relu1']) expect(b.find((n) => n.id === id)!.data).toBe(a.find((n) => n.id === id)!.data);
    const c = derive(nodes, new Set(['fc1']), { relu1: size });
    expect(c.every((n, i) => n === b[i])).toBe(true);
  });

  it('does the same for edges', () => {
    const store = bigStore(2);
    const derive = createEdgeDeriver();
    const a = derive(store.getState().doc.edges, new Set());
    store.getState().setParam('fc1', 'out_features', 3);
    const b = derive(store.getState().doc.edges, new Set(['e2']));
    expect(b.filter((e, i) => e !== a[i]).map((e) => e.id)).toEqual(['e2']);
    expect(b[1]).toMatchObject({ id: 'e2', type: 'shape', source: 'fc1', target: 'relu1', selected: true });
  });
});

import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { buildMlpGraph } from '../../model/build-mlp';
import { CURRENT_VERSION, FORMAT } from '../../model/schema';
import { createEditorStore } from '../store/editor-store';
import { createNodeDeriver, type LayerFlowNode } from './derive';
import { nextDrag, NO_DRAG, splitMoves, withDragPositions, type DragPositions } from './drag-positions';

const move = (id: string, x: number, y: number, dragging: boolean): NodeChange<LayerFlowNode> => ({ type: 'position', id, position: { x, y }, dragging });

function store() {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 4, numClasses: 2, hiddenFeatures: [8, 8], activation: 'relu' });
  return createEditorStore({ format: FORMAT, version: CURRENT_VERSION, name: 'drag', seed: 1, nodes, edges });
}

/** What the canvas does with one batch of React Flow's changes. */
function apply(s: ReturnType<typeof store>, drag: DragPositions, changes: NodeChange<LayerFlowNode>[]): DragPositions {
  const { dragging, settled } = splitMoves(changes);
  if (settled.size) s.getState().moveNodes(settled);
  return nextDrag(drag, dragging, settled);
}

describe('a drag on the canvas', () => {
  it('leaves the document alone until its last change, then is one undo step', () => {
    const s = store();
    const before = s.getState().doc;
    let drag = NO_DRAG;
    for (let i = 1; i <= 30; i++) drag = apply(s, drag, [move('fc1', 200 + i, i, true), move('relu1', 400 + i, i, true)]);
    expect(s.getState().doc).toBe(before);
    expect(drag.get('fc1')).toEqual({ x: 230, y: 30 });

    drag = apply(s, drag, [move('fc1', 231, 31, false), move('relu1', 431, 31, false)]);
    expect(drag).toBe(NO_DRAG);
    expect(s.getState().history.past).toHaveLength(1);
    const at = (id: string) => s.getState().doc.nodes.find((n) => n.id === id)!.position;
    expect([at('fc1'), at('relu1')]).toEqual([{ x: 231, y: 31 }, { x: 431, y: 31 }]);
    s.getState().undo();
    expect(s.getState().doc).toBe(before);
  });

  it('shows the dragged nodes where the pointer has them, and every other node as it was', () => {
    const s = store();
    const derived = createNodeDeriver()(s.getState().doc.nodes, new Set(), {});
    const drag = nextDrag(NO_DRAG, new Map([['fc2', { x: 7, y: 8 }]]), new Map());
    const shown = withDragPositions(derived, drag);
    expect(shown.filter((n, i) => n !== derived[i]).map((n) => n.id)).toEqual(['fc2']);
    expect(shown.find((n) => n.id === 'fc2')!.position).toEqual({ x: 7, y: 8 });
    expect(withDragPositions(derived, NO_DRAG)).toBe(derived);
  });

  it('keeps the same drag when a batch has no moves (a selection, a size)', () => {
    const drag = nextDrag(NO_DRAG, new Map([['fc1', { x: 1, y: 1 }]]), new Map());
    const { dragging, settled } = splitMoves([{ type: 'select', id: 'fc1', selected: true }]);
    expect(nextDrag(drag, dragging, settled)).toBe(drag);
    // An arrow-key move of another node settles at once and leaves the drag as it is.
    expect(nextDrag(drag, new Map(), new Map([['fc2', { x: 0, y: 0 }]]))).toBe(drag);
  });
});

import type { NodeChange } from '@xyflow/react';
import type { XY } from '../store/types';
import type { LayerFlowNode } from './derive';

/**
 * Where the nodes being dragged are now. While a drag lasts, positions stay on the canvas;
 * the document takes them once, from the drag's last change. So the document, and every
 * node's and edge's view, the inspector and autosave that read it, change once per drag
 * rather than on every frame of it (and the drag is one undo step).
 */
export type DragPositions = ReadonlyMap<string, XY>;

export const NO_DRAG: DragPositions = new Map();

/**
 * React Flow's position changes split in two: `dragging` (a drag in progress) and
 * `settled` (a drag's last change, a move by the arrow keys), which go to the document.
 */
export function splitMoves(changes: readonly NodeChange<LayerFlowNode>[]): { dragging: Map<string, XY>; settled: Map<string, XY> } {
  const dragging = new Map<string, XY>();
  const settled = new Map<string, XY>();
  for (const c of changes) {
    if (c.type === 'position' && c.position) (c.dragging ? dragging : settled).set(c.id, c.position);
  }
  return { dragging, settled };
}

/** The drag after one batch of changes: moves in progress are added, settled nodes leave it. */
export function nextDrag(prev: DragPositions, dragging: ReadonlyMap<string, XY>, settled: ReadonlyMap<string, XY>): DragPositions {
  if (dragging.size === 0 && ![...settled.keys()].some((id) => prev.has(id))) return prev;
  const next = new Map(prev);
  for (const [id, at] of dragging) next.set(id, at);
  for (const id of settled.keys()) next.delete(id);
  return next.size ? next : NO_DRAG;
}

/** The canvas's nodes with the dragged ones where the pointer has them; the others keep their objects. */
export function withDragPositions(nodes: LayerFlowNode[], drag: DragPositions): LayerFlowNode[] {
  if (drag.size === 0) return nodes;
  return nodes.map((n) => {
    const at = drag.get(n.id);
    return at && (at.x !== n.position.x || at.y !== n.position.y) ? { ...n, position: at } : n;
  });
}

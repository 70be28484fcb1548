import type { NodeType } from '../../model';

/** The drag-and-drop type a palette item carries: its node type. */
export const NODE_DRAG_MIME = 'application/x-backprop-node';

export function startNodeDrag(dt: DataTransfer, type: NodeType): void {
  dt.setData(NODE_DRAG_MIME, type);
  dt.setData('text/plain', type);
  dt.effectAllowed = 'copy';
}

/** True while a palette item is dragged (only the types are readable before the drop). */
export function hasNodeDrag(types: readonly string[] | DOMStringList): boolean {
  return Array.from(types as ArrayLike<string>).includes(NODE_DRAG_MIME);
}

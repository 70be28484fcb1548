import { newNodeId, uniqueId } from './ids';
import { takenIds } from './doc-actions';
import type { EditableDocument, ModelEdge, ModelNode, XY } from './types';

/** Copied nodes with the edges that run between them. */
export interface ClipboardContent {
  readonly nodes: readonly ModelNode[];
  readonly edges: readonly ModelEdge[];
}

/** Offset of each successive paste, so copies do not land on each other. */
export const PASTE_OFFSET: XY = { x: 40, y: 40 };

export function copyNodes(doc: Pick<EditableDocument, 'nodes' | 'edges'>, nodeIds: readonly string[]): ClipboardContent | null {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (!nodes.length) return null;
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return structuredClone({ nodes, edges });
}

/**
 * The clipboard's nodes and edges with new ids (unused in `doc`), moved by `offset`,
 * ready to add. Labels are kept; edges are remapped to the new ids.
 */
export function pasteNodes(doc: Pick<EditableDocument, 'nodes' | 'edges'>, clip: ClipboardContent, offset: XY): { nodes: ModelNode[]; edges: ModelEdge[] } {
  const taken = takenIds(doc);
  const idMap = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = newNodeId(n.type, taken);
    taken.add(id);
    idMap.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } } as ModelNode;
  });
  const edges = clip.edges.map((e) => {
    const id = uniqueId('e', taken);
    taken.add(id);
    return { id, source: idMap.get(e.source)!, target: idMap.get(e.target)! };
  });
  return { nodes, edges };
}

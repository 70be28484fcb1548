import { defaultParams, nodeKind, type NodeType } from '../../model';
import type { EditableDocument, ModelEdge, ModelNode, XY } from './types';
import { newNodeId, uniqueId } from './ids';

/**
 * Pure edits of the editable document. Each returns a new document that shares every
 * untouched node and edge object with the old one (the canvas relies on that to
 * re-render only what changed), or the same document when nothing changes.
 */

export function takenIds(doc: Pick<EditableDocument, 'nodes' | 'edges'>): Set<string> {
  const s = new Set<string>();
  for (const n of doc.nodes) s.add(n.id);
  for (const e of doc.edges) s.add(e.id);
  return s;
}

/** A new node of `type` with default parameters and a fresh id. */
export function makeNode(doc: Pick<EditableDocument, 'nodes' | 'edges'>, type: NodeType, position: XY): ModelNode {
  const id = newNodeId(type, takenIds(doc));
  const code = nodeKind(type).code;
  return { id, type, params: defaultParams(type), position: { x: position.x, y: position.y }, ...(code ? { code: code.defaultCode } : {}) } as ModelNode;
}

/** Sets the code of a node that carries code (a Custom layer). */
export function setCode(doc: EditableDocument, id: string, code: string): EditableDocument {
  return updateNode(doc, id, (n) => (n.code === code || !nodeKind(n.type).code ? n : { ...n, code }));
}

export function makeEdge(doc: Pick<EditableDocument, 'nodes' | 'edges'>, source: string, target: string, taken = takenIds(doc)): ModelEdge {
  const id = uniqueId('e', taken);
  taken.add(id);
  return { id, source, target };
}

export function addNodes(doc: EditableDocument, nodes: readonly ModelNode[], edges: readonly ModelEdge[] = []): EditableDocument {
  if (!nodes.length && !edges.length) return doc;
  return { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] };
}

export function addEdge(doc: EditableDocument, edge: ModelEdge): EditableDocument {
  return { ...doc, edges: [...doc.edges, edge] };
}

/** Removes the nodes (with every edge touching them) and the edges. */
export function removeElements(doc: EditableDocument, nodeIds: Iterable<string>, edgeIds: Iterable<string>): EditableDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const keptNodes = doc.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
  if (keptNodes.length === doc.nodes.length && keptEdges.length === doc.edges.length) return doc;
  return { ...doc, nodes: keptNodes, edges: keptEdges };
}

function updateNode(doc: EditableDocument, id: string, f: (n: ModelNode) => ModelNode): EditableDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (n.id !== id) return n;
    const m = f(n);
    if (m !== n) changed = true;
    return m;
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Sets one parameter; `undefined` clears it (an optional parameter, such as an inferred in_features). */
export function setParam(doc: EditableDocument, id: string, name: string, value: number | undefined): EditableDocument {
  return updateNode(doc, id, (n) => {
    const params = n.params as Record<string, number | undefined>;
    if (params[name] === value && (value !== undefined || !(name in params))) return n;
    const next: Record<string, number> = {};
    for (const [k, v] of Object.entries(params)) if (k !== name && v !== undefined) next[k] = v;
    if (value !== undefined) next[name] = value;
    return { ...n, params: next } as ModelNode;
  });
}

/** Sets the label; an empty or blank label removes it. */
export function setLabel(doc: EditableDocument, id: string, label: string | undefined): EditableDocument {
  const clean = label?.trim() ? label.trim() : undefined;
  return updateNode(doc, id, (n) => {
    if (n.label === clean) return n;
    const { label: _old, ...rest } = n;
    void _old;
    return (clean === undefined ? rest : { ...rest, label: clean }) as ModelNode;
  });
}

export function setPositions(doc: EditableDocument, positions: ReadonlyMap<string, XY>): EditableDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

export function setName(doc: EditableDocument, name: string): EditableDocument {
  return doc.name === name ? doc : { ...doc, name };
}

export function setSeed(doc: EditableDocument, seed: number): EditableDocument {
  return doc.seed === seed ? doc : { ...doc, seed };
}

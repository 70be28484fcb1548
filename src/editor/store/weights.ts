import type { Analysis } from '../../model';
import type { EditableDocument, StoredWeights } from './types';

/**
 * The stored weights that still fit the graph: entries of deleted nodes, of nodes that
 * no longer hold parameters, and of Linear layers whose size changed are dropped (the
 * compiler would refuse them). A Linear whose input size cannot be told yet (not
 * connected, in_features inferred) keeps its weights. Returns `weights` itself when
 * nothing is dropped.
 */
export function reconcileWeights(weights: StoredWeights | undefined, doc: Pick<EditableDocument, 'nodes' | 'edges'>, analysis: Pick<Analysis, 'edgeShapes'>): StoredWeights | undefined {
  if (!weights) return undefined;
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const incoming = new Map(doc.edges.map((e) => [e.target, e.id]));
  let dropped = false;
  const kept: StoredWeights = {};
  for (const [id, entry] of Object.entries(weights)) {
    const n = nodes.get(id);
    let fits = n?.type === 'Linear';
    if (n && fits) {
      const p = n.params as Record<string, number | undefined>;
      const inEdge = incoming.get(id);
      const inferred = inEdge ? analysis.edgeShapes[inEdge]?.[1] : undefined;
      const inF = p.in_features ?? (typeof inferred === 'number' ? inferred : undefined);
      const out = p.out_features;
      const w = entry.w?.shape;
      const b = entry.b?.shape;
      if (w && out !== undefined && w[0] !== out) fits = false;
      if (w && inF !== undefined && w[1] !== inF) fits = false;
      if (b && out !== undefined && b[0] !== out) fits = false;
    }
    if (fits) kept[id] = entry;
    else dropped = true;
  }
  if (!dropped) return weights;
  return Object.keys(kept).length ? kept : undefined;
}

import { setParam } from './doc-actions';
import type { EditableDocument } from './types';

/** Nodes that pass the feature count through unchanged, so a Linear after them still sees the Input's features. */
const SAME_WIDTH = new Set(['ReLU', 'LeakyReLU', 'Sigmoid', 'TanH', 'Dropout']);

/**
 * Makes the graph take `features` per sample: every Input's `features`, and the explicit
 * `in_features` of the first Linear downstream of an Input (directly, or after activations
 * and dropout). A Linear whose in_features is left to inference is not touched. Returns
 * the same document when nothing changes.
 */
export function setInputFeatures(doc: EditableDocument, features: number): EditableDocument {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const next = new Map<string, string[]>();
  for (const e of doc.edges) (next.get(e.source) ?? next.set(e.source, []).get(e.source)!).push(e.target);
  let out = doc;
  for (const input of doc.nodes) {
    if (input.type !== 'Input') continue;
    out = setParam(out, input.id, 'features', features);
    const seen = new Set<string>([input.id]);
    const queue = [...(next.get(input.id) ?? [])];
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = byId.get(id);
      if (!n) continue;
      if (n.type === 'Linear') {
        if ((n.params as Record<string, number | undefined>).in_features !== undefined) out = setParam(out, id, 'in_features', features);
      } else if (SAME_WIDTH.has(n.type)) {
        queue.push(...(next.get(id) ?? []));
      }
    }
  }
  return out;
}

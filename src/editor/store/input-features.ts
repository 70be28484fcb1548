import { layerKind } from '../../model';
import { setParam } from './doc-actions';
import type { EditableDocument } from './types';

/**
 * Makes the graph take `features` per sample: every Input's `features`, and the explicit
 * input width (a Linear's `in_features`) of the first layer downstream of an Input that
 * states one, through layers that pass the width on unchanged (activations, dropout). A
 * width left to inference is not touched. Returns
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
      const kind = layerKind(n.type);
      if (!kind) continue;
      const params = n.params as Record<string, number | undefined>;
      const inParam = kind.widthParams.in;
      if (inParam) {
        if (params[inParam] !== undefined) out = setParam(out, id, inParam, features);
        continue;
      }
      const shape = kind.infer(features, params, '');
      if (shape.ok && shape.out === features) queue.push(...(next.get(id) ?? []));
    }
  }
  return out;
}

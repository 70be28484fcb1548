import type { Sequential } from '../engine';
import type { Plan } from './analyze';
import { encodeFloat32 } from './base64';
import type { ModelDocument, StoredWeights } from './schema';

export interface ExportOptions {
  /** Write the weights of this compiled model (with its plan) into the document. */
  model?: { model: Sequential; plan: Plan };
  /** Architecture only: drop any weights. */
  architectureOnly?: boolean;
}

/**
 * The document to save: the graph as it is, with the model's current weights when a
 * compiled model is given, the document's own weights otherwise, or none when asked.
 * parse → compile → export (with the model) gives back the same document, bit for bit.
 */
export function exportModelDocument(doc: ModelDocument, options: ExportOptions = {}): ModelDocument {
  const { weights: _ignored, ...rest } = doc;
  void _ignored;
  if (options.architectureOnly) return structuredClone(rest);
  const weights = options.model ? readModelWeights(options.model.model, options.model.plan) : doc.weights;
  return weights ? { ...structuredClone(rest), weights: structuredClone(weights) } : structuredClone(rest);
}

/** The current parameters of every layer that has some, keyed by node id, as stored tensors. */
export function readModelWeights(model: Sequential, plan: Plan): StoredWeights {
  const out: StoredWeights = {};
  for (const pl of plan.layers) {
    const params = model.layers[pl.index].params();
    if (!params.length) continue;
    const entry: StoredWeights[string] = {};
    for (const p of params) {
      const data = p.value.data instanceof Float32Array ? p.value.data : Float32Array.from(p.value.data);
      entry[p.name] = { shape: [...p.value.shape], dtype: 'float32', data: encodeFloat32(data) };
    }
    out[pl.nodeId] = entry;
  }
  return out;
}

import { CURRENT_VERSION, FORMAT, type ModelDocument } from '../../model';
import type { EditableDocument, StoredWeights } from './types';

/** A document with no nodes, as a new model starts. */
export function emptyDocument(name = 'Untitled model'): EditableDocument {
  return { format: FORMAT, version: CURRENT_VERSION, name, seed: 42, nodes: [], edges: [] };
}

/** Splits a loaded document into the editable part and its weights. */
export function splitDocument(doc: ModelDocument): { doc: EditableDocument; weights: StoredWeights | undefined } {
  const { weights, ...rest } = doc;
  return { doc: rest, weights: weights && Object.keys(weights).length ? weights : undefined };
}

/** The whole document, with the weights when there are any (as saved and exported). */
export function joinDocument(doc: EditableDocument, weights: StoredWeights | undefined): ModelDocument {
  return weights && Object.keys(weights).length ? { ...doc, weights } : { ...doc };
}

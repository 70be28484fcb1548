import type { EditableDocument } from '../store/types';

/**
 * What the engine's numbers depend on: node kinds and parameters, connections, the seed
 * and the training settings — not positions, labels or the name. The worker is sent the
 * document again only when this changes.
 */
export function engineKey(doc: EditableDocument): string {
  return JSON.stringify([
    doc.nodes.map((n) => [n.id, n.type, n.params]),
    doc.edges.map((e) => [e.id, e.source, e.target]),
    doc.seed,
    doc.training ?? null,
  ]);
}

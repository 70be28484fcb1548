import type { EditableDocument } from '../store/types';

/**
 * What the engine's numbers depend on: node kinds, parameters and code, connections, the seed
 * the training settings and the breakpoints — not positions, labels or the name. The worker is sent the
 * document again only when this changes.
 */
export function engineKey(doc: EditableDocument): string {
  return JSON.stringify([
    doc.nodes.map((n) => (n.code === undefined ? [n.id, n.type, n.params] : [n.id, n.type, n.params, n.code])),
    doc.edges.map((e) => [e.id, e.source, e.target]),
    doc.seed,
    doc.training ?? null,
    doc.breakpoints ?? null,
  ]);
}

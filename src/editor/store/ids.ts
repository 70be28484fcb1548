import { nodeKind, type NodeType } from '../../model';

/** A new node's id: its kind's prefix (`fc`, `relu`, `loss`, as buildMlpGraph names them) and the smallest free number. */
export function newNodeId(type: NodeType, taken: ReadonlySet<string>): string {
  return uniqueId(nodeKind(type).idPrefix, taken);
}

/** `prefix` followed by the smallest positive number that makes it unused. */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  for (let k = 1; ; k++) {
    const id = `${prefix}${k}`;
    if (!taken.has(id)) return id;
  }
}

import { isLossKind, nodeKind, nodeName, wouldCreateCycle } from '../../model';
import type { EditableDocument } from './types';

/**
 * Why connecting `source` → `target` is refused, in words for the user, or null when
 * the connection is allowed. The graph is a single chain from the Input to the loss,
 * so besides cycles a node takes one input and feeds one node.
 */
export function connectionProblem(doc: Pick<EditableDocument, 'nodes' | 'edges'>, source: string, target: string): string | null {
  const from = doc.nodes.find((n) => n.id === source);
  const to = doc.nodes.find((n) => n.id === target);
  if (!from || !to) return 'That node no longer exists.';
  if (source === target) return `${nodeName(from)} cannot feed itself: that would be a cycle.`;
  if (isLossKind(nodeKind(from.type))) return `${nodeName(from)} is the last node: its output is a single number and feeds nothing.`;
  if (to.type === 'Input') return `${nodeName(to)} is where data enters; it cannot receive a connection.`;
  if (doc.edges.some((e) => e.source === source && e.target === target)) return `${nodeName(from)} is already connected to ${nodeName(to)}.`;
  if (wouldCreateCycle(doc.edges, source, target)) {
    return `Connecting ${nodeName(from)} to ${nodeName(to)} would make a cycle: data must flow one way, from the Input to the loss.`;
  }
  const existingIn = doc.edges.find((e) => e.target === target);
  if (existingIn) {
    const feeder = doc.nodes.find((n) => n.id === existingIn.source);
    return `${nodeName(to)} already receives its input from ${feeder ? nodeName(feeder) : `'${existingIn.source}'`}; each layer takes exactly one. Delete that connection first.`;
  }
  const existingOut = doc.edges.find((e) => e.source === source);
  if (existingOut) {
    const fed = doc.nodes.find((n) => n.id === existingOut.target);
    return `${nodeName(from)} already feeds ${fed ? nodeName(fed) : `'${existingOut.target}'`}; a network here is one chain. Delete that connection first.`;
  }
  return null;
}

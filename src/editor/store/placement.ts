import { CHAIN_SPACING, isLossKind, nodeKind, type NodeType } from '../../model';
import type { EditableDocument, ModelNode, Size, XY } from './types';

/** Size assumed for a node the canvas has not measured yet. */
export const DEFAULT_NODE_SIZE: Size = { width: 180, height: 92 };
const GAP = 24;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function nodeRect(n: ModelNode, sizes: Readonly<Record<string, Size>>): Rect {
  const s = sizes[n.id] ?? DEFAULT_NODE_SIZE;
  return { x: n.position.x, y: n.position.y, width: s.width, height: s.height };
}

function intersects(a: Rect, b: Rect, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * The spot nearest to `desired` (searched in rings of node-sized steps, nearer rows
 * first) where a node of `size` overlaps none of `nodes`.
 */
export function freeSpot(desired: XY, nodes: readonly ModelNode[], sizes: Readonly<Record<string, Size>>, size: Size = DEFAULT_NODE_SIZE): XY {
  const rects = nodes.map((n) => nodeRect(n, sizes));
  const free = (p: XY) => !rects.some((r) => intersects({ ...p, ...size }, r, GAP));
  if (free(desired)) return desired;
  const dx = size.width + GAP;
  const dy = size.height + GAP;
  for (let ring = 1; ring <= 40; ring++) {
    const candidates: XY[] = [];
    for (let j = -ring; j <= ring; j++) {
      for (let i = -ring; i <= ring; i++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        candidates.push({ x: desired.x + i * dx, y: desired.y + j * dy });
      }
    }
    candidates.sort((a, b) => Math.abs(a.y - desired.y) - Math.abs(b.y - desired.y) || Math.abs(a.x - desired.x) - Math.abs(b.x - desired.x));
    const hit = candidates.find(free);
    if (hit) return hit;
  }
  return desired;
}

/** True when a node of type `type` may follow `from` in the chain right now. */
export function canFollow(doc: Pick<EditableDocument, 'edges'>, from: ModelNode, type: NodeType): boolean {
  if (isLossKind(nodeKind(from.type)) || type === 'Input') return false;
  return !doc.edges.some((e) => e.source === from.id);
}

/**
 * Where a node added from the palette goes: just right of the one selected node, and
 * connected to it, when it can continue the chain there; otherwise near the centre of
 * the view. Never on top of another node.
 */
export function placeNewNode(
  doc: Pick<EditableDocument, 'nodes' | 'edges'>,
  type: NodeType,
  selectedNodeIds: readonly string[],
  viewCentre: XY,
  sizes: Readonly<Record<string, Size>> = {},
): { position: XY; connectFrom?: string } {
  const selected = selectedNodeIds.length === 1 ? doc.nodes.find((n) => n.id === selectedNodeIds[0]) : undefined;
  if (selected && canFollow(doc, selected, type)) {
    const desired = { x: selected.position.x + CHAIN_SPACING, y: selected.position.y };
    return { position: freeSpot(desired, doc.nodes, sizes), connectFrom: selected.id };
  }
  const desired = { x: Math.round(viewCentre.x - DEFAULT_NODE_SIZE.width / 2), y: Math.round(viewCentre.y - DEFAULT_NODE_SIZE.height / 2) };
  return { position: freeSpot(desired, doc.nodes, sizes) };
}

/** The box around all nodes, or null for an empty graph. */
export function boundingBox(nodes: readonly ModelNode[], sizes: Readonly<Record<string, Size>> = {}): Rect | null {
  if (!nodes.length) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const r = nodeRect(n, sizes);
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

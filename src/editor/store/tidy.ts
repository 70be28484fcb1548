import { mlpRowLength } from '../../model';
import { DEFAULT_NODE_SIZE } from './placement';
import type { EditableDocument, Size, XY } from './types';

/** A node's size once it shows its figures (an unmeasured one is assumed to grow to this). */
export const GROWN_NODE_SIZE: Size = { width: 180, height: 150 };
/** Room between columns for an edge's shape label and its Jacobian thumbnail. */
const COLUMN_GAP = 78;
/** Room between rows for a wrapping wire, its label and thumbnail, clear of both rows' cards. */
const ROW_GAP = 96;
/** Room between separate graphs laid out one under the other. */
const COMPONENT_GAP = 120;

/** Ranks (columns) and the order within each, from the layered layout of one connected part. */
export interface Layering {
  /** Node id → [rank, order within the rank]. */
  place: Map<string, [number, number]>;
}

/**
 * Positions for every node: each connected part of the graph in layers from its Input
 * (@dagrejs/dagre assigns the layers and orders the nodes within them to cross few wires),
 * long chains wrapped into rows so the whole fits the canvas (as Build MLP lays them out),
 * columns and rows spaced for the largest card with its figures, parts one under another.
 * Nothing overlaps, and no wire runs under a card: a wire joins neighbouring columns, or
 * wraps to the next row through the gap between rows.
 */
export async function tidyPositions(doc: Pick<EditableDocument, 'nodes' | 'edges'>, measured: Readonly<Record<string, Size>>): Promise<Map<string, XY>> {
  const dagre = await import('@dagrejs/dagre');
  const size = (id: string): Size => {
    const m = measured[id];
    return { width: Math.max(m?.width ?? DEFAULT_NODE_SIZE.width, GROWN_NODE_SIZE.width), height: Math.max(m?.height ?? DEFAULT_NODE_SIZE.height, GROWN_NODE_SIZE.height) };
  };
  const parts = components(doc);
  const out = new Map<string, XY>();
  let top = 0;
  for (const part of parts) {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 60 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const id of part) g.setNode(id, size(id));
    for (const e of doc.edges) if (part.includes(e.source) && part.includes(e.target)) g.setEdge(e.source, e.target);
    dagre.layout(g);
    // dagre's x is the rank's column, y the order within it.
    const xs = [...new Set(part.map((id) => Math.round(g.node(id).x)))].sort((a, b) => a - b);
    const rankOf = new Map(part.map((id) => [id, xs.indexOf(Math.round(g.node(id).x))]));
    const ranks = xs.map((_, r) => part.filter((id) => rankOf.get(id) === r).sort((a, b) => g.node(a).y - g.node(b).y));
    const perRow = mlpRowLength(ranks.length);
    const colWidth = Math.max(...part.map((id) => size(id).width)) + COLUMN_GAP;
    for (let row = 0; row * perRow < ranks.length; row++) {
      const cols = ranks.slice(row * perRow, (row + 1) * perRow);
      let rowHeight = 0;
      cols.forEach((ids, c) => {
        let y = top;
        for (const id of ids) {
          out.set(id, { x: c * colWidth, y });
          y += size(id).height + 30;
        }
        rowHeight = Math.max(rowHeight, y - 30 - top);
      });
      top += rowHeight + ROW_GAP;
    }
    top += COMPONENT_GAP - ROW_GAP;
  }
  return out;
}

/** The graph's connected parts, each in document order, those with an Input first. */
export function components(doc: Pick<EditableDocument, 'nodes' | 'edges'>): string[][] {
  const parent = new Map(doc.nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const e of doc.edges) if (parent.has(e.source) && parent.has(e.target)) parent.set(find(e.source), find(e.target));
  const groups = new Map<string, string[]>();
  for (const n of doc.nodes) {
    const r = find(n.id);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(n.id);
  }
  const hasInput = (ids: string[]) => ids.some((id) => doc.nodes.find((n) => n.id === id)?.type === 'Input');
  return [...groups.values()].sort((a, b) => Number(hasInput(b)) - Number(hasInput(a)));
}

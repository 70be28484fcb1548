import type { Diagnostic } from '../../model';
import type { EditorState } from '../store/editor-store';
import { formatShape } from '../format';

/** What a node on the canvas shows besides its document fields, as primitives (cheap to compare). */
export interface NodeView {
  shape: string | null;
  params: number | null;
  inferredIn: number | null;
  severity: 'error' | 'warning' | null;
  /** The pinned messages, one per line. */
  messages: string;
}

export function worstSeverity(list: readonly Diagnostic[] | undefined): 'error' | 'warning' | null {
  if (!list?.length) return null;
  return list.some((d) => d.severity === 'error') ? 'error' : 'warning';
}

/**
 * Views cached per (analysis, pins): a drag changes neither, so the hundreds of nodes and
 * edges that re-select on each frame get their previous object back without formatting.
 */
function cached<V>(cache: WeakMap<object, WeakMap<object, Map<string, V>>>, s: EditorState, id: string, make: (s: EditorState, id: string) => V): V {
  let byPins = cache.get(s.analysis);
  if (!byPins) cache.set(s.analysis, (byPins = new WeakMap()));
  let views = byPins.get(s.pins);
  if (!views) byPins.set(s.pins, (views = new Map()));
  let v = views.get(id);
  if (!v) views.set(id, (v = make(s, id)));
  return v;
}

const nodeViews = new WeakMap<object, WeakMap<object, Map<string, NodeView>>>();
const edgeViews = new WeakMap<object, WeakMap<object, Map<string, EdgeView>>>();

export function selectNodeView(s: EditorState, id: string): NodeView {
  return cached(nodeViews, s, id, makeNodeView);
}

export function selectEdgeView(s: EditorState, id: string): EdgeView {
  return cached(edgeViews, s, id, makeEdgeView);
}

function makeNodeView(s: EditorState, id: string): NodeView {
  const diags = s.pins.byNode[id];
  return {
    shape: formatShape(s.analysis.nodeShapes[id]),
    params: s.analysis.paramCounts[id] ?? null,
    inferredIn: s.pins.inFeatures[id] ?? null,
    severity: worstSeverity(diags),
    messages: diags ? diags.map((d) => d.message).join('\n') : '',
  };
}

export interface EdgeView {
  shape: string | null;
  severity: 'error' | 'warning' | null;
  messages: string;
}

function makeEdgeView(s: EditorState, id: string): EdgeView {
  const diags = s.pins.byEdge[id];
  return {
    shape: formatShape(s.analysis.edgeShapes[id]),
    severity: worstSeverity(diags),
    messages: diags ? diags.map((d) => d.message).join('\n') : '',
  };
}

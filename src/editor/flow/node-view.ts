import type { Diagnostic } from '../../model/analyze';
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

export function selectNodeView(s: EditorState, id: string): NodeView {
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

export function selectEdgeView(s: EditorState, id: string): EdgeView {
  const diags = s.pins.byEdge[id];
  return {
    shape: formatShape(s.analysis.edgeShapes[id]),
    severity: worstSeverity(diags),
    messages: diags ? diags.map((d) => d.message).join('\n') : '',
  };
}

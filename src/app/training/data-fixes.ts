import { layerKind } from '../../model';
import type { LoadResult } from '../../runtime';
import type { EditableDocument } from '../../editor/store/types';

/** A one-click change that makes the graph fit the data. */
export type DataFix = { kind: 'features'; features: number; label: string } | { kind: 'classes'; nodeId: string; classes: number; label: string };

/**
 * Fixes for the worker's data diagnostics: an Input that takes the wrong number of features
 * gets the data's (with the Linear after it), and a last Linear with too few outputs for the
 * classes gets one score per class. Only offered where the change is unambiguous.
 */
export function dataFixes(doc: Pick<EditableDocument, 'nodes' | 'edges'>, load: Pick<LoadResult, 'dataDiagnostics' | 'dataset' | 'plan'> | null): DataFix[] {
  const ds = load?.dataset;
  const plan = load?.plan;
  if (!ds || !plan) return [];
  const fixes: DataFix[] = [];
  for (const d of load.dataDiagnostics) {
    if (d.nodeId === plan.inputNodeId && d.field === 'features') {
      fixes.push({ kind: 'features', features: ds.features, label: `Make the Input take ${ds.features} features` });
    } else if (plan.lossNodeId && d.nodeId === plan.lossNodeId) {
      const into = doc.edges.find((e) => e.target === plan.lossNodeId);
      const last = into && doc.nodes.find((n) => n.id === into.source);
      if (last && layerKind(last.type)?.widthParams.out) fixes.push({ kind: 'classes', nodeId: last.id, classes: ds.classes, label: `Give '${last.id}' ${ds.classes} outputs, one per class` });
    }
  }
  return fixes;
}

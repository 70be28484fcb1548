import type { EditorStore } from '../../editor/store/editor-store';
import { layerKind, type DatasetKind, type TrainingSettings } from '../../model';
import type { EditableDocument } from '../../editor/store/types';
import type { LoadResult } from '../../runtime';

/**
 * A one-click change that makes the graph and the data fit: the graph changed to fit the
 * data (the Input's features, the last Linear's outputs), or the data changed to fit the
 * graph (the homework's random batch, sized by the graph; a CSV with the right columns).
 */
export type DataFix =
  | { kind: 'features'; features: number; label: string }
  | { kind: 'classes'; nodeId: string; param: string; classes: number; label: string }
  | { kind: 'random'; label: string }
  | { kind: 'csv'; features: number; classes: number; label: string }
  | { kind: 'dataset'; dataset: DatasetKind; features: number; label: string }
  | { kind: 'csv-target'; target: 'class' | 'number'; label: string };

/** The training settings with another kind of dataset (a CSV's text goes with its kind). */
export function withDatasetKind(t: TrainingSettings, kind: DatasetKind): TrainingSettings {
  const { csv: _csv, ...rest } = t.dataset;
  void _csv;
  return { ...t, dataset: { ...rest, kind } };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Fixes for the worker's data diagnostics, both ways: an Input that takes the wrong number
 * of features gets the data's (with the Linear after it), a last Linear with too few
 * outputs for the classes gets one per class — each only where the change is unambiguous —
 * and the data can become a random batch that fits the graph as it is, or a CSV the user
 * picks with as many feature columns as the Input takes. Regression (an MSE loss, data
 * with numbers to fit) gets its own: one output per target, the noisy sine for an MSE
 * loss fed classes, a CSV's target column read the other way.
 */
export function dataFixes(
  doc: Pick<EditableDocument, 'nodes' | 'edges'>,
  load: Pick<LoadResult, 'dataDiagnostics' | 'dataset' | 'plan'> | null,
  training?: Pick<TrainingSettings, 'dataset'>,
): DataFix[] {
  const ds = load?.dataset;
  const plan = load?.plan;
  if (!ds || !plan || !load.dataDiagnostics.length) return [];
  const fixes: DataFix[] = [];
  const regressionData = ds.targetRange !== undefined;
  const regressionLoss = plan.task === 'regression';
  const csv = training?.dataset.kind === 'csv' ? training.dataset.csv : undefined;
  for (const d of load.dataDiagnostics) {
    if (d.nodeId === plan.inputNodeId && d.field === 'features') {
      fixes.push({ kind: 'features', features: ds.features, label: `Make the Input take ${plural(ds.features, 'feature')}` });
    } else if (plan.lossNodeId && d.nodeId === plan.lossNodeId) {
      if (regressionData !== regressionLoss) {
        // The loss and the data disagree on the task: change the data (the loss is the user's choice of task).
        if (csv) {
          const target = regressionLoss ? 'number' : 'class';
          fixes.push({ kind: 'csv-target', target, label: `Read the CSV's target column as ${regressionLoss ? 'numbers to fit' : 'class labels'}` });
        } else if (regressionLoss) {
          fixes.push({ kind: 'dataset', dataset: 'sine', features: 1, label: 'Train on the noisy sine (1 feature, 1 number to fit)' });
        } else {
          fixes.push({ kind: 'dataset', dataset: 'spiral', features: 2, label: 'Train on the spiral (2 features, classes)' });
        }
        continue;
      }
      const into = doc.edges.find((e) => e.target === plan.lossNodeId);
      const last = into && doc.nodes.find((n) => n.id === into.source);
      const out = last && layerKind(last.type)?.widthParams.out;
      const wanted = regressionData ? 1 : ds.classes;
      const why = regressionData ? 'for the 1 number to fit' : 'one per class';
      if (last && out) fixes.push({ kind: 'classes', nodeId: last.id, param: out, classes: wanted, label: `Give '${last.id}' ${plural(wanted, 'output')}, ${why}` });
    }
  }
  const classes = Math.max(2, plan.outputFeatures);
  if (!regressionLoss) fixes.push({ kind: 'random', label: `Train on a random batch that fits: ${plural(plan.inputFeatures, 'feature')}, ${plural(classes, 'class', 'classes')}` });
  fixes.push({ kind: 'csv', features: plan.inputFeatures, classes, label: `Load a CSV with ${plural(plan.inputFeatures, 'feature column')}…` });
  return fixes;
}

/** Applies a fix as one undo step; a CSV fix asks `pickCsv` to open the file picker. */
export function applyDataFix(editor: EditorStore, fix: DataFix, training: TrainingSettings, pickCsv: () => void): void {
  const s = editor.getState();
  switch (fix.kind) {
    case 'features':
      s.setTrainingData(training, fix.features);
      break;
    case 'classes':
      s.setParam(fix.nodeId, fix.param, fix.classes);
      break;
    case 'random':
      s.setTraining(withDatasetKind(training, 'random'));
      break;
    case 'csv':
      pickCsv();
      break;
    case 'dataset':
      s.setTrainingData(withDatasetKind(training, fix.dataset), fix.features);
      break;
    case 'csv-target': {
      const csv = training.dataset.csv;
      if (csv) s.setTraining({ ...training, dataset: { ...training.dataset, csv: { ...csv, target: fix.target } } });
      break;
    }
  }
}

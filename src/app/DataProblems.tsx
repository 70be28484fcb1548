import { useMemo } from 'react';
import { allDataDiagnostics } from '../editor/data-diagnostics';
import { useRun } from '../editor/run/use-run';
import { useEditorStore } from '../editor/use-editor';
import { useShallow } from '../editor/use-shallow';
import { DiagnosticsList } from './DiagnosticsList';
import { applyDataFix, dataFixes } from './training/data-fixes';
import { useCsvLoader } from './training/use-csv-loader';
import { currentTraining } from './training/use-training';

/**
 * Where the data and the graph do not fit, as in Messages: each problem pinned to its node,
 * and one-click fixes both ways (change the graph to fit the data, or the data to fit the
 * graph).
 */
export function DataProblems() {
  const store = useEditorStore();
  const load = useRun((s) => s.load);
  const diagnostics = useRun(useShallow(allDataDiagnostics));
  const fixes = useMemo(() => dataFixes(store.getState().doc, load, currentTraining(store)), [store, load]);
  const csv = useCsvLoader('csv-fix-input');
  if (!diagnostics.length) return null;
  return (
    <div className="bp-data-problems" role="group" aria-label="Data problems">
      <DiagnosticsList diagnostics={diagnostics} empty="" />
      {fixes.length > 0 && (
        <div className="bp-data-problems__fixes" role="group" aria-label="Fixes">
          <span className="bp-data-problems__or">Fix:</span>
          {fixes.map((f) => (
            <button key={f.label} type="button" className="bp-button bp-button--small" onClick={() => applyDataFix(store, f, currentTraining(store), csv.pick)}>
              {f.label}
            </button>
          ))}
        </div>
      )}
      {csv.elements}
    </div>
  );
}

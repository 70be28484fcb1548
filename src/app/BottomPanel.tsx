import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useShallow } from '../editor/use-shallow';
import { useScreen } from '../editor/screen/use-screen';
import { useEditor } from '../editor/use-editor';
import { allDataDiagnostics } from '../editor/data-diagnostics';
import { useOptionalRun } from '../editor/run/use-run';
import { DataProblems } from './DataProblems';
import { DiagnosticsList } from './DiagnosticsList';
import { PanelResizer } from './watch/PanelResizer';

export interface Tab {
  key: string;
  label: string;
  badge?: ReactNode;
  render(): ReactNode;
}

/** Data problems counted with the graph's (none without an engine, as in some tests). */
function useDataProblemCount(): number {
  return useOptionalRun((s) => allDataDiagnostics(s).length, 0);
}

function MessagesTab() {
  const diagnostics = useEditor((s) => s.analysis.diagnostics);
  const data = useDataProblemCount();
  return (
    <>
      {data > 0 && <DataProblems />}
      {(diagnostics.length > 0 || data === 0) && <DiagnosticsList diagnostics={diagnostics} empty="No problems: the graph compiles. The data fits it." />}
    </>
  );
}

function MessagesBadge() {
  const data = useDataProblemCount();
  const { errors: graphErrors, warnings } = useEditor(
    useShallow((s) => ({
      errors: s.analysis.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: s.analysis.diagnostics.filter((d) => d.severity === 'warning').length,
    })),
  );
  const errors = graphErrors + data;
  if (!errors && !warnings) return null;
  return (
    <span className={`bp-tab__badge${errors ? ' bp-tab__badge--error' : ' bp-tab__badge--warning'}`} aria-hidden="true">
      {errors + warnings}
    </span>
  );
}

/**
 * The tabs under the canvas: Messages (the graph's diagnostics); further views plug in as
 * tabs. Its height follows the drag handle on its top edge (remembered); a view can bring
 * its tab to the front through the watch store's showPanelTab.
 */
export function BottomPanel({ extraTabs = [] }: { extraTabs?: readonly Tab[] }) {
  const tabs: Tab[] = [{ key: 'messages', label: 'Messages', badge: <MessagesBadge />, render: () => <MessagesTab /> }, ...extraTabs];
  const [active, setActive] = useState(tabs[0].key);
  const id = useId();
  const current = tabs.find((t) => t.key === active) ?? tabs[0];
  const height = useScreen((s) => s.panelHeight);
  const request = useScreen((s) => s.panelTabRequest);
  useEffect(() => {
    if (request) setActive(request.key);
  }, [request]);

  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.key === current.key);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setActive(tabs[next].key);
    document.getElementById(`${id}-tab-${tabs[next].key}`)?.focus();
  };

  return (
    <section className="bp-bottom" aria-label="Output panel" style={{ height }}>
      <PanelResizer />
      <div role="tablist" aria-label="Output" className="bp-tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={t.key === current.key}
            aria-controls={`${id}-panel-${t.key}`}
            tabIndex={t.key === current.key ? 0 : -1}
            className="bp-tab"
            onClick={() => setActive(t.key)}
          >
            <span>{t.label}</span>
            {t.badge}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel-${current.key}`} aria-labelledby={`${id}-tab-${current.key}`} className="bp-tabpanel" tabIndex={0}>
        {current.render()}
      </div>
    </section>
  );
}

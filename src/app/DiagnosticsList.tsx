import type { Diagnostic } from '../model';
import { focusElement } from '../editor/screen/screen-store';
import { useScreenStore } from '../editor/screen/use-screen';
import { useEditorStore } from '../editor/use-editor';

/** Where clicking a diagnostic leads: the field's node, else the connection, else the node. */
export function diagnosticTarget(d: Diagnostic): { nodeId?: string; edgeId?: string } | null {
  if (d.nodeId && (d.field || !d.edgeId)) return { nodeId: d.nodeId };
  if (d.edgeId) return { edgeId: d.edgeId };
  return null;
}

/** Diagnostics as a list; those pinned to an element select it (and bring it into view) when clicked. */
export function DiagnosticsList({ diagnostics, empty, compact }: { diagnostics: readonly Diagnostic[]; empty: string; compact?: boolean }) {
  const store = useEditorStore();
  const screen = useScreenStore();
  if (!diagnostics.length) return <p className="bp-empty">{empty}</p>;
  return (
    <ul className={`bp-diagnostics${compact ? ' bp-diagnostics--compact' : ''}`}>
      {diagnostics.map((d, i) => {
        const target = diagnosticTarget(d);
        const body = (
          <>
            <span className={`bp-sev bp-sev--${d.severity}`} aria-label={d.severity === 'error' ? 'Error' : 'Warning'} role="img" />
            <span className="bp-diagnostics__message">{d.message}</span>
            {target && <span className="bp-diagnostics__where">{target.nodeId ?? target.edgeId}</span>}
          </>
        );
        return (
          <li key={`${i}:${d.message}`}>
            {target ? (
              <button type="button" className="bp-diagnostics__item" onClick={() => focusElement(store, screen, target)}>
                {body}
              </button>
            ) : (
              <div className="bp-diagnostics__item">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

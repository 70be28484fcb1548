import { useEffect, useRef } from 'react';
import { setCondition } from '../breakpoints/breakpoint-edits';
import { breakpointMenuEntries } from '../breakpoints/menu-entries';
import { useScreenStore } from '../screen/use-screen';
import { useEditor, useEditorStore } from '../use-editor';

export interface NodeMenuRequest {
  nodeId: string;
  /** Where the pointer was, in the page's pixels. */
  x: number;
  y: number;
}

/**
 * A node's context menu: "Pause when…" entries for the breakpoints that suit its kind
 * (dead units for a ReLU, gradient norms for a layer with weights), each a check box that
 * sets the node's own breakpoint on or off. Escape, a click elsewhere or a choice closes it.
 */
export function NodeContextMenu({ request, onClose }: { request: NodeMenuRequest; onClose(): void }) {
  const store = useEditorStore();
  const screen = useScreenStore();
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === request.nodeId));
  const hasParams = useEditor((s) => (s.analysis.paramCounts[request.nodeId] ?? 0) > 0);
  const list = useEditor((s) => s.doc.breakpoints);
  const ref = useRef<HTMLDivElement>(null);
  const entries = node ? breakpointMenuEntries(list, node.id, node.type, hasParams) : [];

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const choose = (kind: (typeof entries)[number]['kind'], on: boolean) => {
    try {
      store.getState().setBreakpoints(setCondition(store.getState().doc.breakpoints, kind, request.nodeId, { on }));
      screen.getState().notify(`${on ? 'Training will pause' : 'Training will not pause'} at ${request.nodeId} for this condition; see Breakpoints in the Training panel.`, 'info');
    } catch (e) {
      screen.getState().notify(e instanceof Error ? e.message : String(e), 'error');
    }
    onClose();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
  };

  return (
    <div ref={ref} className="bp-context-menu" role="menu" aria-label={`Layer ${request.nodeId}`} style={{ left: request.x, top: request.y }} onKeyDown={onKeyDown} onContextMenu={(e) => e.preventDefault()}>
      {entries.length ? (
        entries.map((e) => (
          <button key={e.kind} type="button" role="menuitemcheckbox" aria-checked={e.on} className="bp-context-menu__item" onClick={() => choose(e.kind, !e.on)}>
            <span className="bp-context-menu__check" aria-hidden="true">
              {e.on ? '✓' : ''}
            </span>
            {e.label}…
          </button>
        ))
      ) : (
        <div className="bp-context-menu__empty">No breakpoint watches this kind of layer alone; see Breakpoints in the Training panel for the model-wide ones.</div>
      )}
    </div>
  );
}

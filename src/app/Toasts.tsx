import { useEffect, useState } from 'react';
import { MAX_TOASTS } from '../editor/screen/screen-store';
import { useScreen, useScreenStore } from '../editor/screen/use-screen';
import type { Toast } from '../editor/store/types';

const LIFETIME_MS: Record<Toast['tone'], number> = { info: 5000, success: 4000, warning: 8000, error: 9000 };
/** A message with an action (Undo, Reset weights…) stays longer: there is something to do. */
const ACTION_LIFETIME_MS = 10_000;

function ToastItem({ toast }: { toast: Toast }) {
  const screen = useScreenStore();
  useEffect(() => {
    if (toast.sticky) return;
    const t = setTimeout(() => screen.getState().dismiss(toast.id), toast.action ? Math.max(ACTION_LIFETIME_MS, LIFETIME_MS[toast.tone]) : LIFETIME_MS[toast.tone]);
    return () => clearTimeout(t);
  }, [screen, toast]);
  return (
    <div className={`bp-toast bp-toast--${toast.tone}`} data-testid="toast" title={toast.text}>
      <span className="bp-toast__icon" aria-hidden="true" />
      <span className="bp-toast__text">{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          className="bp-button bp-button--small"
          onClick={() => {
            toast.action!.run();
            screen.getState().dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="bp-icon-button bp-icon-button--small" aria-label="Dismiss message" onClick={() => screen.getState().dismiss(toast.id)}>
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}

/**
 * Messages for the user, stacked compactly in the canvas's lower left corner, beside the zoom
 * buttons and above the output panel (never over the step bar, the panels or their charts):
 * the newest few, older ones folded into a count that unfolds them. Errors are announced
 * assertively.
 */
export function Toasts() {
  const toasts = useScreen((s) => s.toasts);
  const panelHeight = useScreen((s) => s.panelHeight);
  const [unfolded, setUnfolded] = useState(false);
  const folded = unfolded ? 0 : Math.max(0, toasts.length - MAX_TOASTS);
  const shown = toasts.slice(folded);
  const polite = shown.filter((t) => t.tone !== 'error');
  const urgent = shown.filter((t) => t.tone === 'error');
  useEffect(() => {
    if (toasts.length <= MAX_TOASTS) setUnfolded(false);
  }, [toasts.length]);
  return (
    <div className="bp-toasts" style={{ bottom: panelHeight + 14 }}>
      {folded > 0 && (
        <button type="button" className="bp-toasts__more" onClick={() => setUnfolded(true)}>
          {folded} earlier {folded === 1 ? 'message' : 'messages'}
        </button>
      )}
      <div role="status" aria-live="polite" className="bp-toasts__group">
        {polite.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </div>
      <div role="alert" aria-live="assertive" className="bp-toasts__group">
        {urgent.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </div>
    </div>
  );
}

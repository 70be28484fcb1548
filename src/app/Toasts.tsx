import { useEffect } from 'react';
import { useEditor, useEditorStore } from '../editor/use-editor';
import type { Toast } from '../editor/store/types';

const LIFETIME_MS: Record<Toast['tone'], number> = { info: 5000, success: 4000, warning: 8000, error: 9000 };

function ToastItem({ toast }: { toast: Toast }) {
  const store = useEditorStore();
  useEffect(() => {
    if (toast.sticky) return;
    const t = setTimeout(() => store.getState().dismiss(toast.id), LIFETIME_MS[toast.tone]);
    return () => clearTimeout(t);
  }, [store, toast]);
  return (
    <div className={`bp-toast bp-toast--${toast.tone}`} data-testid="toast">
      <span className="bp-toast__icon" aria-hidden="true" />
      <span className="bp-toast__text">{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          className="bp-button bp-button--small"
          onClick={() => {
            toast.action!.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="bp-icon-button bp-icon-button--small" aria-label="Dismiss message" onClick={() => store.getState().dismiss(toast.id)}>
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}

/** Messages for the user, bottom centre; errors are announced assertively. */
export function Toasts() {
  const toasts = useEditor((s) => s.toasts);
  const polite = toasts.filter((t) => t.tone !== 'error');
  const urgent = toasts.filter((t) => t.tone === 'error');
  return (
    <div className="bp-toasts">
      <div role="alert" aria-live="assertive" className="bp-toasts__group">
        {urgent.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </div>
      <div role="status" aria-live="polite" className="bp-toasts__group">
        {polite.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </div>
    </div>
  );
}

import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  /** Short text under the title (the dialog's accessible description). */
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  onClose(): void;
  /** `alertdialog` for messages that need acknowledging. */
  role?: 'dialog' | 'alertdialog';
  width?: number;
}

/**
 * A modal dialog: focus moves into it and stays there (Tab wraps around), Escape or a
 * click on the backdrop closes it, and focus returns to where it was.
 */
export function Dialog({ title, description, children, footer, onClose, role = 'dialog', width = 480 }: DialogProps) {
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = panel.current!;
    const first = el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>(FOCUSABLE) ?? el;
    first.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      onCloseRef.current();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = Array.from(panel.current!.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((x) => x.offsetParent !== null || x === document.activeElement);
    if (!items.length) {
      e.preventDefault();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || !panel.current!.contains(document.activeElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="bp-dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCloseRef.current()}>
      <div
        ref={panel}
        className="bp-dialog"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descId : undefined}
        tabIndex={-1}
        style={{ width }}
        onKeyDown={onKeyDown}
      >
        <header className="bp-dialog__header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="bp-icon-button" aria-label="Close" onClick={() => onCloseRef.current()}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        </header>
        {description && (
          <p id={descId} className="bp-dialog__description">
            {description}
          </p>
        )}
        <div className="bp-dialog__body">{children}</div>
        {footer && <footer className="bp-dialog__footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}

/** A message that needs acknowledging (what was wrong with a file the user gave): OK closes it. */
export function AlertDialog({ title, description, children, onClose, width }: Omit<DialogProps, 'footer' | 'role'>) {
  return (
    <Dialog
      role="alertdialog"
      title={title}
      description={description}
      onClose={onClose}
      width={width}
      footer={
        <button type="button" className="bp-button bp-button--primary" onClick={onClose} data-autofocus>
          OK
        </button>
      }
    >
      {children}
    </Dialog>
  );
}

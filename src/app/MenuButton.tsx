import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  key: string;
  label: string;
  description?: string;
  disabled?: boolean;
  /** A run of items with the same group is headed by the group's name. */
  group?: string;
  onSelect(): void;
}

export interface MenuButtonProps {
  label: string;
  icon?: ReactNode;
  title?: string;
  items: readonly MenuItem[];
  /** Shown in the menu while there are no items (e.g. still loading). */
  emptyText?: string;
  align?: 'start' | 'end';
  disabled?: boolean;
  /** Called each time the menu opens (e.g. to try again what failed to load). */
  onOpen?: () => void;
}

/** A toolbar button that opens a menu (WAI-ARIA menu button: arrows, Home/End, Escape, Tab). */
export function MenuButton({ label, icon, title, items, emptyText, align = 'start', disabled = false, onOpen }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  const itemEls = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  useEffect(() => {
    if (!open) return;
    onOpenRef.current?.();
    // A menu with no items yet (loading, or failed) takes the focus itself, so Escape still closes it.
    (itemEls()[0] ?? menu.current)?.focus();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const els = itemEls();
    const i = els.indexOf(document.activeElement as HTMLElement);
    const go = (k: number) => els[(k + els.length) % els.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(els.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') {
      close(false);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="bp-menu">
      <button
        ref={button}
        type="button"
        className={`bp-button bp-button--ghost${open ? ' is-active' : ''}`}
        aria-haspopup="menu"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        title={title}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        {icon}
        <span className="bp-button__label">{label}</span>
        <svg className="bp-chevron" viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
          <path d="M3 4.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} role="menu" aria-label={label} tabIndex={-1} className={`bp-menu__popup bp-menu__popup--${align}`} onKeyDown={onMenuKey}>
          {items.length === 0 && <div className="bp-menu__empty">{emptyText ?? 'Nothing here'}</div>}
          {items.map((item, i) => (
            <Fragment key={item.key}>
            {item.group && item.group !== items[i - 1]?.group && (
              <div role="presentation" className="bp-menu__heading">
                {item.group}
              </div>
            )}
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="bp-menu__item"
              aria-label={item.label}
              aria-describedby={item.description ? `${id}-${item.key}-d` : undefined}
              aria-disabled={item.disabled || undefined}
              title={item.disabled ? item.description : undefined}
              onClick={() => {
                if (item.disabled) return;
                close(true);
                item.onSelect();
              }}
            >
              <span className="bp-menu__label">{item.label}</span>
              {item.description && (
                <span id={`${id}-${item.key}-d`} className="bp-menu__description">
                  {item.description}
                </span>
              )}
            </button>
            </Fragment>
          ))}
        </div>
      )}
    </div>
  );
}

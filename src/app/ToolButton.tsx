import type { ReactNode } from 'react';

export interface ToolButtonProps {
  label: string;
  icon?: ReactNode;
  /** Show only the icon (the label stays the accessible name and the tooltip). A narrow lesson embed shows every button's icon alone. */
  iconOnly?: boolean;
  /** Inactive but still focusable, so its tooltip can say why. */
  disabled?: boolean;
  title?: string;
  pressed?: boolean;
  primary?: boolean;
  onClick(): void;
}

export function ToolButton({ label, icon, iconOnly, disabled, title, pressed, primary, onClick }: ToolButtonProps) {
  return (
    <button
      type="button"
      className={`bp-button ${primary ? 'bp-button--primary' : 'bp-button--ghost'}${iconOnly ? ' bp-button--icon' : ''}`}
      // The label is the name even where a narrow embed shows the icon alone.
      aria-label={label}
      aria-disabled={disabled || undefined}
      aria-pressed={pressed}
      title={title ?? (iconOnly ? label : undefined)}
      onClick={() => {
        if (!disabled) onClick();
      }}
    >
      {icon}
      {!iconOnly && <span className="bp-button__label">{label}</span>}
    </button>
  );
}

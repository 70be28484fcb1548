import { memo, type ReactNode } from 'react';

export interface TooltipProps {
  id: string;
  /** Pointer position inside the positioned parent, in CSS px. */
  x: number;
  y: number;
  /** Width of the positioned parent, to flip the tip left near its right edge. */
  bound: number;
  children: ReactNode;
}

/**
 * A tip next to the pointer (below-right, flipped left near the right edge). The same text is
 * announced politely to screen readers; plots reference it with aria-describedby.
 */
export const Tooltip = memo(function Tooltip({ id, x, y, bound, children }: TooltipProps) {
  const flip = x > bound * 0.55;
  const style = flip ? { right: Math.max(0, bound - x + 12), top: y + 14 } : { left: x + 14, top: y + 14 };
  return (
    <div id={id} role="tooltip" className="bpv-tip" style={style} aria-live="polite">
      {children}
    </div>
  );
});

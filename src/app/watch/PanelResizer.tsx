import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useScreen, useScreenStore } from '../../editor/screen/use-screen';
import { PANEL_HEIGHT } from '../../editor/screen/prefs';

/** The canvas keeps at least this much of the window's height. */
const CANVAS_MIN = 220;

function maxHeight(): number {
  return Math.max(PANEL_HEIGHT.min, Math.min(PANEL_HEIGHT.max, window.innerHeight - CANVAS_MIN));
}

/**
 * The bottom panel's top edge as a separator: drag it, or focus it and use the arrow keys
 * (Page Up/Down for big steps, Home/End for the limits). The height is remembered.
 */
export function PanelResizer() {
  const screen = useScreenStore();
  const height = useScreen((s) => s.panelHeight);
  const setHeight = useScreen((s) => s.setPanelHeight);
  const drag = useRef<{ y: number; h: number } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: height };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    setHeight(Math.min(maxHeight(), d.h + (d.y - e.clientY)), false);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
    setHeight(screen.getState().panelHeight);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const steps: Record<string, number> = { ArrowUp: 16, ArrowDown: -16, PageUp: 80, PageDown: -80 };
    let next: number | null = null;
    if (e.key in steps) next = height + steps[e.key];
    else if (e.key === 'Home') next = PANEL_HEIGHT.min;
    else if (e.key === 'End') next = maxHeight();
    if (next === null) return;
    e.preventDefault();
    setHeight(Math.min(maxHeight(), next));
  };

  return (
    <div
      className="bp-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the output panel"
      aria-valuemin={PANEL_HEIGHT.min}
      aria-valuemax={PANEL_HEIGHT.max}
      aria-valuenow={height}
      tabIndex={0}
      title="Drag to resize (or focus and use the arrow keys)"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}

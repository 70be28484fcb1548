import { useCallback, useState, type FocusEvent, type KeyboardEvent, type PointerEvent } from 'react';

/** The cell under the pointer (or chosen with the arrow keys) and where to put its tooltip. */
export interface GridCursor {
  r: number;
  c: number;
  /** Tooltip anchor in CSS px inside the plot. */
  x: number;
  y: number;
  /** Pointer position inside the cell, in [0, 1) (0.5 from the keyboard). */
  fx: number;
  fy: number;
}

/**
 * Pointer and keyboard access to the cells of a rows × cols grid drawn over width × height CSS px:
 * hover picks the cell under the pointer; when focused, the arrow keys (with Shift: by 10) move a
 * cursor and Enter or Space activates the cell.
 */
export function useGridCursor(rows: number, cols: number, width: number, height: number, onActivate?: (cursor: GridCursor) => void) {
  const [cursor, setCursor] = useState<GridCursor | null>(null);

  const at = useCallback(
    (r: number, c: number): GridCursor => ({ r, c, x: ((c + 0.5) / cols) * width, y: ((r + 0.5) / rows) * height, fx: 0.5, fy: 0.5 }),
    [rows, cols, width, height],
  );

  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      const rect = e.currentTarget.getBoundingClientRect();
      const x = e.clientX - rect.left;
      const y = e.clientY - rect.top;
      if (x < 0 || y < 0 || x >= width || y >= height || rows <= 0 || cols <= 0) {
        setCursor(null);
        return;
      }
      const gx = (x / width) * cols;
      const gy = (y / height) * rows;
      const c = Math.min(cols - 1, Math.floor(gx));
      const r = Math.min(rows - 1, Math.floor(gy));
      setCursor({ r, c, x, y, fx: gx - c, fy: gy - r });
    },
    [rows, cols, width, height],
  );

  const onPointerLeave = useCallback(() => setCursor(null), []);

  const onClick = useCallback(() => {
    if (cursor && onActivate) onActivate(cursor);
  }, [cursor, onActivate]);

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    if (e.currentTarget === e.target && rows > 0 && cols > 0) setCursor((cur) => cur ?? at(0, 0));
  }, [at, rows, cols]);

  const onBlur = useCallback(() => setCursor(null), []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (rows <= 0 || cols <= 0) return;
      const step = e.shiftKey ? 10 : 1;
      const move: Record<string, [number, number]> = {
        ArrowUp: [-step, 0],
        ArrowDown: [step, 0],
        ArrowLeft: [0, -step],
        ArrowRight: [0, step],
        Home: [-Infinity, -Infinity],
        End: [Infinity, Infinity],
      };
      const d = move[e.key];
      if (d) {
        e.preventDefault();
        setCursor((cur) => {
          const r = Math.max(0, Math.min(rows - 1, (cur?.r ?? 0) + d[0]));
          const c = Math.max(0, Math.min(cols - 1, (cur?.c ?? 0) + d[1]));
          return at(r, c);
        });
      } else if ((e.key === 'Enter' || e.key === ' ') && cursor && onActivate) {
        e.preventDefault();
        onActivate(cursor);
      } else if (e.key === 'Escape') setCursor(null);
    },
    [rows, cols, at, cursor, onActivate],
  );

  return { cursor, handlers: { onPointerMove, onPointerLeave, onClick, onFocus, onBlur, onKeyDown } };
}

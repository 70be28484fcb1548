import { useLayoutEffect, useState, type RefObject } from 'react';

/** The element's content width, followed with a ResizeObserver; `fallback` until measured or without one. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number, enabled = true): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!enabled || !el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const w = Math.floor(el.clientWidth);
      if (w > 0) setWidth(w);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, enabled]);
  return width;
}

import { useEffect, useRef, useState } from 'react';
import type { RunState } from '../../editor/run/run-data';
import { useRunStore } from '../../editor/run/use-run';

/**
 * A slice of the run state that follows the store at most once every `ms` (the last change
 * always lands, at the end of its interval): for views too heavy to redraw on every
 * training message.
 */
export function useThrottledRun<T>(selector: (s: RunState) => T, ms: number): T {
  const store = useRunStore();
  const sel = useRef(selector);
  sel.current = selector;
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let current = sel.current(store.getState());
    setValue(() => current);
    const flush = () => {
      timer = null;
      last = performance.now();
      setValue(() => current);
    };
    const unsubscribe = store.subscribe((s) => {
      const next = sel.current(s);
      if (Object.is(next, current)) return;
      current = next;
      if (timer) return;
      const wait = ms - (performance.now() - last);
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, ms]);
  return value;
}

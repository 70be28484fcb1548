import { useRef } from 'react';

const PLAIN: ReadonlySet<unknown> = new Set([Object.prototype, Array.prototype, null]);

/**
 * True when `a` and `b` are the same, or plain objects (or arrays) with the same keys holding
 * `Object.is`-equal values. Anything else (a Map, a class instance) is equal only to itself.
 */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const proto = Object.getPrototypeOf(a);
  if (proto !== Object.getPrototypeOf(b) || !PLAIN.has(proto)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!Object.is(x[k], y[k]) || !Object.hasOwn(y, k)) return false;
  return true;
}

/**
 * A selector that keeps its previous result while the new one is shallowly equal, so a
 * subscriber re-renders only when a field it shows changed. zustand's own `useShallow` builds
 * two Maps per comparison: with every node and edge on the canvas subscribed, that cost
 * showed on each live update of a training run.
 */
export function useShallow<S, U>(selector: (state: S) => U): (state: S) => U {
  const prev = useRef<U | undefined>(undefined);
  return (state) => {
    const next = selector(state);
    return shallowEqual(prev.current, next) ? (prev.current as U) : (prev.current = next);
  };
}

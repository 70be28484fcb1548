/**
 * Undo/redo as two stacks of immutable snapshots. Snapshots share structure with each
 * other (an edit copies only the path it changes), so keeping many is cheap.
 */

export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
}

/** How many undo steps are kept; the oldest fall off. */
export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** Records `before` as an undo step; a new change clears the redo stack. */
export function record<T>(h: History<T>, before: T, limit = HISTORY_LIMIT): History<T> {
  const past = h.past.length >= limit ? h.past.slice(h.past.length - limit + 1) : h.past.slice();
  past.push(before);
  return { past, future: [] };
}

/** Steps back from `current`; null when there is nothing to undo. */
export function undo<T>(h: History<T>, current: T): { history: History<T>; value: T } | null {
  if (!h.past.length) return null;
  const value = h.past[h.past.length - 1];
  return { history: { past: h.past.slice(0, -1), future: [...h.future, current] }, value };
}

/** Steps forward from `current`; null when there is nothing to redo. */
export function redo<T>(h: History<T>, current: T): { history: History<T>; value: T } | null {
  if (!h.future.length) return null;
  const value = h.future[h.future.length - 1];
  return { history: { past: [...h.past, current], future: h.future.slice(0, -1) }, value };
}

/** A drag of nodes, or a pan or zoom of the view by the user. */
export type GestureKind = 'drag' | 'pan';

export interface Gestures {
  set(kind: GestureKind, on: boolean): void;
  readonly dragging: boolean;
}

/**
 * The user's gestures on the canvas: `onChange` hears `true` when the first begins and
 * `false` when the last ends. The end of a move of the view that was no gesture (fitting the
 * view, panning along when a drag reaches the edge) ends nothing.
 */
export function createGestures(onChange: (active: boolean) => void): Gestures {
  const on: Record<GestureKind, boolean> = { drag: false, pan: false };
  return {
    set(kind, active) {
      const before = on.drag || on.pan;
      on[kind] = active;
      const after = on.drag || on.pan;
      if (after !== before) onChange(after);
    },
    get dragging() {
      return on.drag;
    },
  };
}

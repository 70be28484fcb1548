import type { EditorStore } from '../editor/store/editor-store';

/**
 * The run buttons' handlers, all in one place: Forward, Backward, Step, Train/Pause and
 * Reset weights. The engine that executes them runs in a Web Worker; until a build
 * connects one, `unavailable` says why the buttons are inactive and each handler tells
 * the user the same.
 */
export interface RunControls {
  /** Why the run buttons do nothing, or null when they work. */
  unavailable: string | null;
  training: boolean;
  forward(): void;
  backward(): void;
  step(): void;
  /** Starts training, or pauses it while it runs. */
  toggleTraining(): void;
  resetWeights(): void;
}

export const ENGINE_MISSING = 'Needs the compute engine, which this build does not connect yet: running passes and training come with it.';

export function createRunControls(store: EditorStore): RunControls {
  const explain = () => store.getState().notify(ENGINE_MISSING, 'info');
  return {
    unavailable: ENGINE_MISSING,
    training: false,
    forward: explain,
    backward: explain,
    step: explain,
    toggleTraining: explain,
    resetWeights: explain,
  };
}

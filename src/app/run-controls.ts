import { useMemo } from 'react';
import { useShallow } from '../editor/use-shallow';
import { runBlocker } from '../editor/data-diagnostics';
import { useRun, useRunStore } from '../editor/run/use-run';
import { useCompare } from '../editor/compare/use-compare';

/** Why Train is off while the "Backprop required?" tab compares estimators (the engine runs one or the other). */
export const COMPARING = 'A comparison of gradient estimators is running in the Backprop required? tab: stop it, or let it finish, to train.';

/**
 * The run buttons' handlers, all in one place: Forward, Backward, Step (one layer),
 * Train/Pause and Reset weights, backed by the engine worker through the run store.
 */
export interface RunControls {
  /** Why the run buttons do nothing, or null when they work. */
  unavailable: string | null;
  /** Why Train cannot start (the above, or a comparison under way), or null when it can. */
  trainBlocked: string | null;
  training: boolean;
  busy: boolean;
  forward(): void;
  backward(): void;
  step(): void;
  /** Starts training, or pauses it while it runs. */
  toggleTraining(): void;
  resetWeights(): void;
}

export function useRunControls(): RunControls {
  const store = useRunStore();
  const { ready, load, state, busy } = useRun(useShallow((s) => ({ ready: s.ready, load: s.load, state: s.training.state, busy: s.busy })));
  const unavailable = runBlocker({ ready, load });
  const comparing = useCompare((s) => s.status === 'running');
  // Pausing a run that is under way stays possible; starting one waits for the comparison.
  const trainBlocked = unavailable ?? (comparing && state !== 'running' && state !== 'paused' ? COMPARING : null);
  return useMemo(
    () => ({
      unavailable,
      trainBlocked,
      training: state === 'running',
      busy: busy !== null,
      forward: () => void store.getState().runForward(),
      backward: () => void store.getState().runBackward(),
      step: () => void store.getState().stepForward(),
      toggleTraining: () => void store.getState().toggleTraining(),
      resetWeights: () => void store.getState().resetWeights(),
    }),
    [store, unavailable, trainBlocked, state, busy],
  );
}

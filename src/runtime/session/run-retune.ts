import type { TrainingSettings } from '../../model';

/**
 * The learning rate a paused run may take without stopping: when the training settings
 * differ only in the optimizer's `lr`, the new rate; otherwise null (any other change
 * stops the run, as an edit to the settings always has). Lowering the rate and resuming
 * is what one does at a divergence or at dead units.
 */
export function learningRateOnlyChange(before: TrainingSettings | undefined, after: TrainingSettings | undefined): number | null {
  if (!before || !after || before.optimizer.lr === after.optimizer.lr) return null;
  const same = (t: TrainingSettings) => JSON.stringify({ ...t, optimizer: { ...t.optimizer, lr: 0 } });
  return same(before) === same(after) ? after.optimizer.lr : null;
}

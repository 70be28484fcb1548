import { percentText } from './format';
import type { ConditionModule } from './types';

/**
 * Accuracy that has not improved on its best for n evaluations in a row (test accuracy, or
 * training accuracy without a test set; a regression has none, so it is never watched).
 * Equal is not improved: a run stuck at 33.3% on three classes counts on.
 */
export const PLATEAU: ConditionModule = {
  kind: 'plateau',
  label: 'Accuracy plateau',
  help: 'Pauses when the accuracy (test, or training without a test set) has not beaten its best for n evaluations in a row.',
  params: [{ name: 'evaluations', label: 'Evaluations without improvement (n)', default: 20, min: 1, max: 1_000_000, integer: true }],
  onByDefault: false,
  scope: 'model',
  arm(values) {
    const n = values.evaluations;
    let best = -Infinity;
    let bestStep = 0;
    let since = 0;
    return {
      evaluation(view) {
        const a = view.accuracy;
        if (a === null || Number.isNaN(a)) return null;
        if (a > best) {
          best = a;
          bestStep = view.step;
          since = 0;
          return null;
        }
        since++;
        if (since < n) return null;
        return {
          message: `Accuracy has not improved for ${since} evaluations: ${percentText(a)} at step ${view.step}, its best ${percentText(best)} at step ${bestStep} (threshold ${n} evaluations).`,
        };
      },
    };
  },
};

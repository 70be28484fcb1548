import type { GradNormPoint, TrainPoint } from '../../runtime';

/**
 * Training history that grows while training runs. The arrays are appended to in place
 * and `version` is bumped, so charts can draw only what is new instead of re-rendering
 * everything for each point.
 */
export interface TrainingCurves {
  version: number;
  points: TrainPoint[];
  gradNorms: GradNormPoint[];
}

export function emptyCurves(): TrainingCurves {
  return { version: 0, points: [], gradNorms: [] };
}

/** Appends new points; returns a new wrapper (same arrays) so subscribers see a change. */
export function appendCurves(c: TrainingCurves, points: readonly TrainPoint[], gradNorms: readonly GradNormPoint[]): TrainingCurves {
  if (!points.length && !gradNorms.length) return c;
  c.points.push(...points);
  c.gradNorms.push(...gradNorms);
  return { version: c.version + 1, points: c.points, gradNorms: c.gradNorms };
}

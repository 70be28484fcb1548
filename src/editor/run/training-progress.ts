import type { TrainEnd, TrainProgress, TrainState } from '../../runtime';
import type { ToastTone } from '../store/types';
import { breakpointOf } from './breakpoint-view';
import { appendCurves } from './curves';
import type { TrainingView } from './run-data';

/**
 * The training view after a progress message of its run: new points appended, the latest
 * snapshot, boundary, fit and end kept where the message has none; the breakpoint while paused at it.
 */
export function progressView(t: TrainingView, p: TrainProgress): TrainingView {
  return {
    state: p.state,
    step: p.step,
    epoch: p.epoch,
    curves: appendCurves(t.curves, p.points, p.gradNorms),
    snapshot: p.snapshot ?? t.snapshot,
    boundary: p.boundary ?? t.boundary,
    fit: p.fit ?? t.fit,
    end: p.end ?? t.end,
    breakpoint: breakpointOf(p, t.breakpoint),
  };
}

/** How a run's end is announced: an error when it diverged or failed (a divergence offers to reset the weights). */
export function endNotice(end: TrainEnd): { tone: ToastTone; offerReset: boolean } {
  const tone: ToastTone = end.reason === 'diverged' || end.reason === 'failed' ? 'error' : end.reason === 'stopped' ? 'info' : 'success';
  return { tone, offerReset: end.reason === 'diverged' };
}

/** The state a run is left in once train() has resolved with its end. */
export function endState(end: TrainEnd): TrainState {
  return end.reason === 'diverged' || end.reason === 'stopped' || end.reason === 'failed' ? end.reason : 'finished';
}

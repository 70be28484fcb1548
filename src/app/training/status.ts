import { formatValue } from '../../viz';
import { runStart } from './curve-series';
import type { TrainingView } from '../../editor/run/run-data';
import type { TrainPoint, TrainState } from '../../runtime';

export const STATE_LABELS: Readonly<Record<TrainState, string>> = {
  idle: 'Idle',
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
  finished: 'Finished',
  diverged: 'Diverged',
  failed: 'Failed',
};

/** A fraction as a percentage with one decimal ("96.7%"); "—" when unknown. */
export function percent(f: number | null | undefined): string {
  if (f === null || f === undefined || !Number.isFinite(f)) return '—';
  return `${(f * 100).toFixed(1)}%`;
}

/** A loss for the status line: 3 significant digits (as the charts print it); "—" when unknown. */
export function lossText(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : formatValue(v);
}

/** R² to three decimals (negative when the fit is worse than the mean), or a dash. */
export function r2Text(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3);
}

/** The latest point on the curves, or null before the first. */
export function latestPoint(t: TrainingView): TrainPoint | null {
  const pts = t.curves.points;
  return pts.length ? pts[pts.length - 1] : null;
}

/**
 * What the Train button does in this state: start (or continue) training, pause it, or
 * resume it.
 */
export function trainAction(state: TrainState): 'train' | 'pause' | 'resume' {
  return state === 'running' ? 'pause' : state === 'paused' ? 'resume' : 'train';
}

/** The latest figures as data attributes, at full precision, for tools and tests that read the page. */
export function statusAttributes(t: TrainingView): Record<string, string> {
  const p = latestPoint(t);
  const pts = t.curves.points;
  const start = runStart(pts);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    'data-state': t.state,
    'data-step': String(t.step),
    'data-epoch': String(t.epoch),
    'data-points': String(pts.length - start),
    'data-train-loss': num(p?.trainLoss),
    'data-train-accuracy': num(p?.trainAccuracy),
    'data-test-loss': num(p?.testLoss),
    'data-test-accuracy': num(p?.testAccuracy),
    'data-train-r2': num(p?.trainR2),
    'data-test-r2': num(p?.testR2),
    'data-first-train-loss': num(pts[start]?.trainLoss),
  };
}

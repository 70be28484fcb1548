import type { TrainingCurves } from '../../editor/run/curves';
import type { TrainPoint } from '../../runtime';
import { SeriesBuffer } from '../../viz';

/** Train in blue, held-out test in orange and dashed, on both charts. */
export const TRAIN_COLOR = '#4e79a7';
export const TEST_COLOR = '#f28e2b';
const TEST_DASH = '5 3';

const starts = new WeakMap<readonly TrainPoint[], { length: number; start: number }>();

/**
 * Index of the first point of the latest run in a history: where the step last went down.
 * A history normally holds one run, but the last message of a run stopped by an edit can
 * arrive after a new one began on the same history; the views show the latest run only.
 * Incremental: each call scans only the points added since the previous call.
 */
export function runStart(points: readonly TrainPoint[]): number {
  const known = starts.get(points);
  let start = known?.start ?? 0;
  const from = Math.max(1, known?.length ?? 1);
  for (let i = from; i < points.length; i++) if (points[i].step <= points[i - 1].step) start = i;
  starts.set(points, { length: points.length, start });
  return start;
}

/** The latest run's points (see runStart). */
export function latestRun(points: readonly TrainPoint[]): readonly TrainPoint[] {
  const start = runStart(points);
  return start ? points.slice(start) : points;
}

/**
 * The chart series of one training history: training and test loss, training and test
 * accuracy. `sync` feeds the buffers only the points they have not seen (the append
 * contract), and starts them over when the history is a new one (a reset, a new run).
 */
export class CurveSeries {
  readonly trainLoss = new SeriesBuffer('train-loss', 'train', { color: TRAIN_COLOR });
  readonly testLoss = new SeriesBuffer('test-loss', 'test', { color: TEST_COLOR, dash: TEST_DASH });
  readonly trainAccuracy = new SeriesBuffer('train-accuracy', 'train', { color: TRAIN_COLOR });
  readonly testAccuracy = new SeriesBuffer('test-accuracy', 'test', { color: TEST_COLOR, dash: TEST_DASH });
  readonly trainR2 = new SeriesBuffer('train-r2', 'train', { color: TRAIN_COLOR });
  readonly testR2 = new SeriesBuffer('test-r2', 'test', { color: TEST_COLOR, dash: TEST_DASH });
  /** Stable arrays for the charts. */
  readonly loss: readonly SeriesBuffer[] = [this.trainLoss, this.testLoss];
  readonly accuracy: readonly SeriesBuffer[] = [this.trainAccuracy, this.testAccuracy];
  /** Regression's score in place of accuracy. */
  readonly r2: readonly SeriesBuffer[] = [this.trainR2, this.testR2];
  private source: readonly TrainPoint[] | null = null;
  /** Points of `source` read so far, and where the run on show begins. */
  private fed = 0;
  private begin = 0;

  /** Points on the charts. */
  get length(): number {
    return this.trainLoss.length;
  }

  sync(curves: TrainingCurves): void {
    const pts = curves.points;
    if (pts !== this.source || pts.length < this.fed) {
      this.source = pts;
      this.fed = this.begin = 0;
      this.clear();
    }
    if (pts.length === this.fed) return;
    const start = runStart(pts);
    if (start > this.begin) {
      this.fed = this.begin = start;
      this.clear();
    }
    const fresh = pts.slice(this.fed);
    this.fed = pts.length;
    // A point without a test set (test fraction 0) has null test figures: gaps, not zeros.
    this.trainLoss.pushMany(fresh.map((p) => ({ step: p.step, value: p.trainLoss })));
    this.testLoss.pushMany(fresh.map((p) => ({ step: p.step, value: p.testLoss ?? NaN })));
    this.trainAccuracy.pushMany(fresh.map((p) => ({ step: p.step, value: p.trainAccuracy ?? NaN })));
    this.testAccuracy.pushMany(fresh.map((p) => ({ step: p.step, value: p.testAccuracy ?? NaN })));
    this.trainR2.pushMany(fresh.map((p) => ({ step: p.step, value: p.trainR2 ?? NaN })));
    this.testR2.pushMany(fresh.map((p) => ({ step: p.step, value: p.testR2 ?? NaN })));
  }

  private clear(): void {
    for (const s of [...this.loss, ...this.accuracy, ...this.r2]) if (s.length) s.clear();
  }
}

/** The history as CSV, every number at full precision (so two runs compare exactly); a regression run's has R² columns. */
export function curveCsv(points: readonly TrainPoint[]): string {
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const r2 = points.some((p) => p.trainR2 !== undefined);
  const rows = points.map((p) => [p.step, p.epoch, p.trainLoss, p.trainAccuracy, p.testLoss, p.testAccuracy, ...(r2 ? [p.trainR2, p.testR2] : [])].map(cell).join(','));
  return [`step,epoch,train_loss,train_accuracy,test_loss,test_accuracy${r2 ? ',train_r2,test_r2' : ''}`, ...rows].join('\n') + '\n';
}

import type { TrainingCurves } from '../../editor/run/curves';
import type { TrainPoint } from '../../runtime';
import { SeriesBuffer } from '../../viz';

/** Train in blue, held-out test in orange and dashed, on both charts. */
export const TRAIN_COLOR = '#4e79a7';
export const TEST_COLOR = '#f28e2b';
const TEST_DASH = '5 3';

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
  /** Stable arrays for the charts. */
  readonly loss: readonly SeriesBuffer[] = [this.trainLoss, this.testLoss];
  readonly accuracy: readonly SeriesBuffer[] = [this.trainAccuracy, this.testAccuracy];
  private source: TrainPoint[] | null = null;
  private fed = 0;

  /** Points fed so far. */
  get length(): number {
    return this.fed;
  }

  sync(curves: TrainingCurves): void {
    const pts = curves.points;
    if (pts !== this.source || pts.length < this.fed) {
      this.source = pts;
      if (this.fed > 0 || this.trainLoss.length > 0) for (const s of [...this.loss, ...this.accuracy]) s.clear();
      this.fed = 0;
    }
    if (pts.length === this.fed) return;
    const fresh = pts.slice(this.fed);
    this.fed = pts.length;
    // A point without a test set (test fraction 0) has null test figures: gaps, not zeros.
    this.trainLoss.pushMany(fresh.map((p) => ({ step: p.step, value: p.trainLoss })));
    this.testLoss.pushMany(fresh.map((p) => ({ step: p.step, value: p.testLoss ?? NaN })));
    this.trainAccuracy.pushMany(fresh.map((p) => ({ step: p.step, value: p.trainAccuracy })));
    this.testAccuracy.pushMany(fresh.map((p) => ({ step: p.step, value: p.testAccuracy ?? NaN })));
  }
}

/** The history as CSV, every number at full precision (so two runs compare exactly). */
export function curveCsv(points: readonly TrainPoint[]): string {
  const cell = (v: number | null) => (v === null ? '' : String(v));
  const rows = points.map((p) => [p.step, p.epoch, p.trainLoss, p.trainAccuracy, p.testLoss, p.testAccuracy].map(cell).join(','));
  return ['step,epoch,train_loss,train_accuracy,test_loss,test_accuracy', ...rows].join('\n') + '\n';
}

import type { EstimatorKindSetting as EstimatorKind } from '../../model';
import type { CompareOptions, ComparePoint } from '../../runtime';
import { SeriesBuffer } from '../../viz';

export type CompareAxis = 'step' | 'cost' | 'ms';

export const AXES: readonly { value: CompareAxis; label: string; xLabel: string; title: string }[] = [
  { value: 'step', label: 'Steps', xLabel: 'step', title: 'Against training steps' },
  { value: 'cost', label: 'Forward passes', xLabel: 'forward-pass equivalents (counted)', title: 'Against the passes each estimator ran, in forward-pass equivalents' },
  { value: 'ms', label: 'Time', xLabel: 'wall time (ms)', title: 'Against measured wall time of the estimates and updates' },
];

/** One colour per estimator, the same on every chart and in the answer's table. */
export const ESTIMATOR_COLORS: Record<EstimatorKind, string> = {
  backprop: '#4e79a7',
  'forward-mode': '#59a14f',
  'forward-gradient': '#f28e2b',
  'finite-differences': '#e15759',
  spsa: '#b07aa1',
};

const LABELS: Record<EstimatorKind, string> = {
  backprop: 'Backprop',
  'forward-mode': 'Forward mode',
  'forward-gradient': 'Forward gradient',
  'finite-differences': 'Finite differences',
  spsa: 'SPSA',
};

/** Steps in the cosine's rolling mean (the line drawn over each step's faint value). */
export const COSINE_WINDOW = 20;

/**
 * The chart series of one comparison: per estimator, the smoothed loss and (for all but
 * backprop) the cosine with the true gradient, each against steps, cost and time, so the
 * x-axis switch needs no recomputation. The cosine is noisy from step to step (for the
 * forward gradient, SPSA): each step's value is drawn faint, behind its rolling mean over
 * COSINE_WINDOW steps, so many steps read as a band around a line rather than a block of
 * ink. `sync` feeds only the points not yet seen.
 */
export class CompareSeries {
  readonly loss: Record<CompareAxis, SeriesBuffer[]> = { step: [], cost: [], ms: [] };
  /** Every estimator's faint per-step series first (drawn behind), then their means. */
  readonly cosine: Record<CompareAxis, SeriesBuffer[]> = { step: [], cost: [], ms: [] };
  private readonly fed: number[];
  private readonly lossOf: Record<CompareAxis, SeriesBuffer>[] = [];
  private readonly cosineOf: ({ raw: Record<CompareAxis, SeriesBuffer>; mean: Record<CompareAxis, SeriesBuffer>; window: number[]; sum: number } | null)[] = [];

  constructor(options: CompareOptions) {
    this.fed = options.estimators.map(() => 0);
    const means: Record<CompareAxis, SeriesBuffer[]> = { step: [], cost: [], ms: [] };
    options.estimators.forEach(({ kind }) => {
      const color = ESTIMATOR_COLORS[kind];
      const make = (what: string, label: string, faint = false) => {
        const r = {} as Record<CompareAxis, SeriesBuffer>;
        for (const a of ['step', 'cost', 'ms'] as const) r[a] = new SeriesBuffer(`${what}-${kind}-${a}`, label, { color, faint });
        return r;
      };
      const loss = make('loss', LABELS[kind]);
      this.lossOf.push(loss);
      for (const a of ['step', 'cost', 'ms'] as const) this.loss[a].push(loss[a]);
      if (kind === 'backprop') {
        this.cosineOf.push(null);
        return;
      }
      const raw = make('cosine', `${LABELS[kind]}, this step`, true);
      const mean = make('cosine-mean', LABELS[kind]);
      this.cosineOf.push({ raw, mean, window: [], sum: 0 });
      for (const a of ['step', 'cost', 'ms'] as const) {
        this.cosine[a].push(raw[a]);
        means[a].push(mean[a]);
      }
    });
    for (const a of ['step', 'cost', 'ms'] as const) this.cosine[a].push(...means[a]);
  }

  sync(points: readonly (readonly ComparePoint[])[]): void {
    points.forEach((ps, i) => {
      const from = this.fed[i];
      if (ps.length <= from) return;
      const fresh = ps.slice(from);
      this.fed[i] = ps.length;
      for (const a of ['step', 'cost', 'ms'] as const) this.lossOf[i][a].pushMany(fresh.map((p) => ({ step: p[a], value: p.smoothLoss })));
      const cos = this.cosineOf[i];
      if (!cos) return;
      const means = fresh.map((p) => {
        const v = p.cosine ?? Number.NaN;
        if (Number.isFinite(v)) {
          cos.window.push(v);
          cos.sum += v;
          if (cos.window.length > COSINE_WINDOW) cos.sum -= cos.window.shift()!;
        }
        return cos.window.length ? cos.sum / cos.window.length : Number.NaN;
      });
      for (const a of ['step', 'cost', 'ms'] as const) {
        cos.raw[a].pushMany(fresh.map((p) => ({ step: p[a], value: p.cosine ?? Number.NaN })));
        cos.mean[a].pushMany(fresh.map((p, k) => ({ step: p[a], value: means[k] })));
      }
    });
  }
}

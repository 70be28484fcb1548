export interface SeriesOptions {
  /** Line colour (CSS); charts pick one when absent. */
  color?: string;
  /** SVG stroke-dasharray, e.g. "4 3" for a held-out series. */
  dash?: string;
  /** Initial capacity in points (grows by doubling). */
  capacity?: number;
  /**
   * Drawn thin and translucent behind the others and left out of the legend: the raw values
   * beside a smoothed series of them, so a noisy series reads as a band around its mean.
   */
  faint?: boolean;
}

/**
 * A growing series of (step, value) points for the charts — the append contract:
 *
 * - The owner (the code receiving training progress) calls `push` / `pushMany` with steps in
 *   non-decreasing order, and `clear` when a new run starts. Each call bumps `version` (and
 *   `clear` also `revision`) and notifies subscribers.
 * - Charts subscribe and redraw at most once per animation frame, reading only the points added
 *   since their last frame; React does not re-render them for new points.
 * - Keep the SeriesBuffer objects (and the array passed to a chart) stable across renders; a
 *   new object is a new series and makes the chart start over.
 *
 * Values may be NaN or ±Infinity (drawn as gaps); on a log axis values ≤ 0 are gaps too.
 */
export class SeriesBuffer {
  private xs: Float64Array;
  private ys: Float64Array;
  private n = 0;
  private listeners = new Set<() => void>();
  /** Bumped by every change. */
  version = 0;
  /** Bumped by clear(): the points seen so far are gone. */
  revision = 0;
  /** Extremes of the finite values (for the chart's domain without a scan). */
  min = Infinity;
  max = -Infinity;
  /** Smallest positive finite value (for log axes). */
  minPositive = Infinity;

  constructor(readonly id: string, public label: string, readonly options: SeriesOptions = {}) {
    const cap = Math.max(16, options.capacity ?? 1024);
    this.xs = new Float64Array(cap);
    this.ys = new Float64Array(cap);
  }

  get length(): number {
    return this.n;
  }

  step(i: number): number {
    return this.xs[i];
  }

  value(i: number): number {
    return this.ys[i];
  }

  /** The steps and values held, as views (valid until the next push). */
  arrays(): { steps: Float64Array; values: Float64Array } {
    return { steps: this.xs.subarray(0, this.n), values: this.ys.subarray(0, this.n) };
  }

  push(step: number, value: number): void {
    this.add(step, value);
    this.changed();
  }

  pushMany(points: Iterable<{ step: number; value: number }>): void {
    let any = false;
    for (const p of points) {
      this.add(p.step, p.value);
      any = true;
    }
    if (any) this.changed();
  }

  clear(): void {
    this.n = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.minPositive = Infinity;
    this.revision++;
    this.changed();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Index of the point whose step is nearest to `step` (−1 when empty). */
  nearest(step: number): number {
    const n = this.n;
    if (!n) return -1;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.xs[mid] < step) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && Math.abs(this.xs[lo - 1] - step) <= Math.abs(this.xs[lo] - step) ? lo - 1 : lo;
  }

  private add(step: number, value: number): void {
    if (!Number.isFinite(step)) throw new RangeError(`SeriesBuffer '${this.id}': step must be a finite number, got ${step}`);
    if (this.n && step < this.xs[this.n - 1]) {
      throw new RangeError(`SeriesBuffer '${this.id}': steps must not decrease (got ${step} after ${this.xs[this.n - 1]}); clear() the series for a new run`);
    }
    if (this.n === this.xs.length) {
      const xs = new Float64Array(this.n * 2);
      const ys = new Float64Array(this.n * 2);
      xs.set(this.xs);
      ys.set(this.ys);
      this.xs = xs;
      this.ys = ys;
    }
    this.xs[this.n] = step;
    this.ys[this.n] = value;
    this.n++;
    if (Number.isFinite(value)) {
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
      if (value > 0 && value < this.minPositive) this.minPositive = value;
    }
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

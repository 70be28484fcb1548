import { scaleLinear } from 'd3';
import type { SeriesBuffer } from './series';

export type YScaleType = 'linear' | 'log';

/** The domains a chart draws with: niced, so they change only now and then as points arrive. */
export interface ChartView {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  yType: YScaleType;
  /** No drawable point yet. */
  empty: boolean;
}

/** Domains covering every series: x niced over the steps; y niced (linear) or whole decades (log). */
/** `yInclude`: values a fitted linear y-domain always spans (0 for a quantity whose sign matters). */
export function chartView(series: readonly SeriesBuffer[], yType: YScaleType, yDomain?: readonly [number, number], yInclude: readonly number[] = []): ChartView {
  let xa = Infinity, xb = -Infinity, ya = Infinity, yb = -Infinity;
  for (const s of series) {
    if (!s.length) continue;
    xa = Math.min(xa, s.step(0));
    xb = Math.max(xb, s.step(s.length - 1));
    const lo = yType === 'log' ? s.minPositive : s.min;
    if (lo < ya) ya = lo;
    if (s.max > yb) yb = s.max;
  }
  const empty = !(xb >= xa) || !(yb >= ya) || (yType === 'log' && !(yb > 0));
  const [x0, x1] = xb >= xa ? stepDomain(xa, xb) : [0, 1];
  let y0: number, y1: number;
  if (yDomain && (yType === 'linear' || yDomain[0] > 0)) [y0, y1] = yDomain;
  else if (yType === 'log') {
    const lo = empty ? 0.1 : ya;
    const hi = empty ? 1 : yb;
    y0 = 10 ** Math.floor(Math.log10(lo) + 1e-9);
    y1 = 10 ** Math.ceil(Math.log10(hi) - 1e-9);
    if (y1 <= y0) y1 = y0 * 10;
  } else {
    let lo = empty ? 0 : ya;
    let hi = empty ? 1 : yb;
    if (!empty) for (const v of yInclude) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    if (hi === lo) {
      const pad = Math.abs(lo) * 0.1 || 1;
      lo -= pad;
      hi += pad;
    }
    [y0, y1] = scaleLinear().domain([lo, hi]).nice(6).domain() as [number, number];
  }
  return { x0, x1, y0, y1, yType, empty };
}

const GROWTH = [1, 1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10];

/** The smallest of the GROWTH stops × 10^k that is ≥ v (v > 0). */
export function growthStop(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const g of GROWTH) if (g * p >= v * (1 - 1e-12)) return g * p;
  return 10 * p;
}

/**
 * The x-domain of steps [a, b]: it starts at a rounded down and grows in stops of 1, 1.2, 1.4, …,
 * 2, 2.2, 2.5, …, 5, 6, …, 10 × 10^k, so a live chart redraws everything only 17 times per decade of
 * steps and never leaves more than a sixth of its width empty.
 */
export function stepDomain(a: number, b: number): [number, number] {
  const span = growthStop(Math.max(b - a, 1));
  const unit = 10 ** Math.floor(Math.log10(span));
  const x0 = a >= 0 && a < span ? 0 : Math.floor(a / unit) * unit;
  return [x0, x0 + growthStop(Math.max(b - x0, 1))];
}

export function sameView(a: ChartView | null, b: ChartView): boolean {
  return !!a && a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1 && a.yType === b.yType && a.empty === b.empty;
}

/** Maps data to pixels for a view within an inner width × height. */
export function projector(v: ChartView, width: number, height: number): { x: (s: number) => number; y: (val: number) => number } {
  const kx = width / (v.x1 - v.x0 || 1);
  if (v.yType === 'log') {
    const l0 = Math.log10(v.y0);
    const ky = height / (Math.log10(v.y1) - l0 || 1);
    return { x: (s) => (s - v.x0) * kx, y: (val) => (val > 0 && val !== Infinity ? height - (Math.log10(val) - l0) * ky : NaN) };
  }
  const ky = height / (v.y1 - v.y0 || 1);
  return { x: (s) => (s - v.x0) * kx, y: (val) => (Number.isFinite(val) ? height - (val - v.y0) * ky : NaN) };
}

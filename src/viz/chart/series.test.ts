import { describe, expect, it, vi } from 'vitest';
import { DecimatedPath } from './decimate';
import { SeriesBuffer } from './series';
import { chartView, growthStop, projector, stepDomain } from './view';

describe('SeriesBuffer', () => {
  it('grows, tracks its extremes and notifies once per call', () => {
    const s = new SeriesBuffer('loss', 'train loss', { capacity: 16 });
    const fn = vi.fn();
    s.subscribe(fn);
    for (let i = 0; i < 100; i++) s.push(i, 1 / (i + 1));
    expect(fn).toHaveBeenCalledTimes(100);
    s.pushMany([{ step: 100, value: NaN }, { step: 101, value: -2 }]);
    expect(fn).toHaveBeenCalledTimes(101);
    expect(s.length).toBe(102);
    expect(s.version).toBe(101);
    expect(s.max).toBe(1);
    expect(s.min).toBe(-2);
    expect(s.minPositive).toBe(1 / 100);
    expect(s.step(50)).toBe(50);
    expect(s.nearest(49.4)).toBe(49);
    expect(s.nearest(49.6)).toBe(50);
    expect(s.nearest(1e9)).toBe(101);
  });

  it('refuses decreasing steps, naming the series, until cleared', () => {
    const s = new SeriesBuffer('test-loss', 'test loss');
    s.push(10, 1);
    expect(() => s.push(5, 1)).toThrow("SeriesBuffer 'test-loss': steps must not decrease (got 5 after 10)");
    expect(() => s.push(NaN, 1)).toThrow('step must be a finite number');
    s.clear();
    expect(s.revision).toBe(1);
    expect(s.length).toBe(0);
    s.push(5, 1);
    expect(s.length).toBe(1);
  });

  it('stops notifying after unsubscribe', () => {
    const s = new SeriesBuffer('a', 'a');
    const fn = vi.fn();
    const off = s.subscribe(fn);
    off();
    s.push(0, 1);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('DecimatedPath', () => {
  it('writes at most four vertices per pixel column, covering each column’s min and max', () => {
    const d = new DecimatedPath();
    const n = 100_000;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const y = 50 + 40 * Math.sin(i * 0.37);
      if (i < n / 500) {
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
      d.add((i / n) * 500, y);
    }
    const path = d.path();
    const verts = path.match(/[ML]/g)!.length;
    expect(verts).toBeLessThanOrEqual(4 * 500);
    expect(verts).toBeGreaterThanOrEqual(2 * 500);
    // Column 0 holds points 0…199: its vertical span is their range.
    const col0 = path.split(/(?=[ML])/).slice(0, 4).map((p) => Number(p.slice(1).split(',')[1]));
    expect(Math.min(...col0)).toBeCloseTo(lo, 0);
    expect(Math.max(...col0)).toBeCloseTo(hi, 0);
  });

  it('keeps every point when they are sparser than pixels, and lifts the pen at gaps', () => {
    const d = new DecimatedPath();
    d.add(0, 10);
    d.add(5, 20);
    d.add(10, NaN);
    d.add(15, 30);
    d.add(20, 40);
    expect(d.path()).toBe('M0,10L5,20M15,30L20,40');
  });

  it('continues incrementally: feeding in two parts gives the same path as in one', () => {
    const a = new DecimatedPath();
    const b = new DecimatedPath();
    const ys = Array.from({ length: 3000 }, (_, i) => Math.cos(i / 7) * 30);
    ys.forEach((y, i) => a.add(i / 10, y));
    ys.slice(0, 1234).forEach((y, i) => b.add(i / 10, y));
    const mid = b.path();
    ys.slice(1234).forEach((y, i) => b.add((i + 1234) / 10, y));
    expect(b.path()).toBe(a.path());
    expect(mid.length).toBeLessThan(a.path().length);
  });
});

describe('chart domains', () => {
  it('grows the step domain in stops, leaving at most a sixth of the width empty', () => {
    expect(growthStop(7)).toBe(7);
    expect(growthStop(11)).toBe(12);
    expect(growthStop(1000)).toBe(1000);
    expect(growthStop(1001)).toBe(1200);
    expect(stepDomain(0, 999)).toEqual([0, 1000]);
    expect(stepDomain(0, 1115)).toEqual([0, 1200]);
    expect(stepDomain(10, 970)).toEqual([0, 1000]);
    expect(stepDomain(5000, 5600)).toEqual([5000, 5600]);
    const seen = new Set<number>();
    for (let b = 1; b < 1e5; b = Math.ceil(b * 1.01)) {
      const [x0, x1] = stepDomain(0, b);
      expect(x0).toBe(0);
      expect(x1).toBeGreaterThanOrEqual(b);
      expect(b / x1).toBeGreaterThan(5 / 6 - 1e-9);
      seen.add(x1);
    }
    // Few distinct domains (each one a full redraw): 17 per decade.
    expect(seen.size).toBeLessThanOrEqual(17 * 5 + 1);
  });

  it('spans whole decades on a log axis and skips non-positive values', () => {
    const s = new SeriesBuffer('g', 'g');
    s.push(0, 0);
    s.push(1, 3e-7);
    s.push(2, 0.04);
    const v = chartView([s], 'log');
    expect([v.y0, v.y1]).toEqual([1e-7, 0.1]);
    const p = projector(v, 100, 60);
    expect(p.y(1e-7)).toBe(60);
    expect(p.y(0.1)).toBeCloseTo(0, 9);
    expect(p.y(1e-4)).toBeCloseTo(30, 9);
    expect(p.y(0)).toBeNaN();
  });

  it('nices a linear axis, or uses a fixed domain', () => {
    const s = new SeriesBuffer('a', 'a');
    s.push(0, 0.31);
    s.push(10, 2.3);
    const v = chartView([s], 'linear');
    expect(v.y0).toBeLessThanOrEqual(0.31);
    expect(v.y1).toBeGreaterThanOrEqual(2.3);
    expect(chartView([s], 'linear', [0, 1])).toMatchObject({ y0: 0, y1: 1 });
    // A fitted domain spans the values asked for (0 here), and only a fitted one.
    const pos = new SeriesBuffer('p', 'p');
    pos.pushMany([{ step: 1, value: 0.5 }, { step: 2, value: 0.9 }]);
    expect(chartView([pos], 'linear', undefined, [0])).toMatchObject({ y0: 0, y1: 1 });
    expect(chartView([pos], 'linear').y0).toBeGreaterThan(0);
    expect(chartView([pos], 'linear', [-1, 1], [5])).toMatchObject({ y0: -1, y1: 1 });
    expect(chartView([], 'linear').empty).toBe(true);
  });
});

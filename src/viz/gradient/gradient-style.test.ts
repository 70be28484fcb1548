import { color } from 'd3';
import { describe, expect, it } from 'vitest';
import { gradientStyle, MAX_WIDTH, MIN_WIDTH } from './gradient-style';

function rgba(c: string): [number, number, number, number] {
  const x = color(c)!.rgb();
  return [Math.round(x.r), Math.round(x.g), Math.round(x.b), x.opacity];
}

describe('gradientStyle', () => {
  it('is thin and faint blue at the vanishing end, thick and red at the exploding end', () => {
    const v = gradientStyle(1e-8);
    expect(v.width).toBe(MIN_WIDTH);
    expect(v.t).toBe(0);
    const [r, , b, a] = rgba(v.color);
    expect(b).toBeGreaterThan(r);
    expect(a).toBeLessThan(0.5);
    const e = gradientStyle(1e2);
    expect(e.width).toBe(MAX_WIDTH);
    expect(rgba(e.color)).toEqual([220, 38, 38, 1]);
  });

  it('places norms on a log scale over the domain', () => {
    expect(gradientStyle(1e-3).t).toBeCloseTo(0.5, 12);
    expect(gradientStyle(1e-3).width).toBeCloseTo((MIN_WIDTH + MAX_WIDTH) / 2, 12);
    expect(gradientStyle(1, [-4, 0]).t).toBe(1);
    expect(gradientStyle(1e-2, [-4, 0]).t).toBeCloseTo(0.5, 12);
    const norms = [1e-9, 1e-6, 1e-4, 1e-2, 0.1, 1, 10, 1e3];
    const widths = norms.map((n) => gradientStyle(n).width);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThanOrEqual(widths[i - 1]);
  });

  it('draws 0 as vanishing, NaN and ∞ as exploding (flagged)', () => {
    expect(gradientStyle(0)).toMatchObject({ t: 0, width: MIN_WIDTH, nonFinite: false });
    expect(gradientStyle(NaN)).toMatchObject({ t: 1, width: MAX_WIDTH, nonFinite: true });
    expect(gradientStyle(Infinity).nonFinite).toBe(true);
  });

  it('refuses an empty or reversed domain', () => {
    expect(() => gradientStyle(1, [2, -8])).toThrow('domain must be [low, high] in log10 with low < high, got [2, -8]');
  });
});

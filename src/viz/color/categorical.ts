import { color as parseColor, interpolateSinebow, schemeTableau10 } from 'd3';
import type { Rgb } from './scales';

/**
 * Colours for `k` classes: Tableau 10 up to ten classes; beyond that, k hues spread evenly
 * around the sinebow, darkened slightly so that light hues keep contrast on white.
 */
export function classColors(k: number): string[] {
  const n = Math.max(0, Math.floor(k));
  if (n <= schemeTableau10.length) return schemeTableau10.slice(0, n);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = parseColor(interpolateSinebow(i / n))!.darker(0.35);
    out.push(c.formatHex());
  }
  return out;
}

export function classRgb(colors: readonly string[]): Rgb[] {
  return colors.map((c) => {
    const r = parseColor(c)!.rgb();
    return [Math.round(r.r), Math.round(r.g), Math.round(r.b)] as const;
  });
}

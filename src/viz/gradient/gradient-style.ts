import { interpolateRgb } from 'd3';

export interface GradientStyle {
  /** Stroke width in CSS px, 1 … 6. */
  width: number;
  /** Stroke colour with its opacity (rgba), so a vanishing gradient fades into either theme's background. */
  color: string;
  /** Position on the log scale, 0 (domain's low end or below) … 1 (high end or above). */
  t: number;
  /** The norm was NaN or ±Infinity (drawn as exploding). */
  nonFinite: boolean;
}

/** The default domain: log10 of the norms from vanishing (1e-8) to exploding (1e2). */
export const GRADIENT_DOMAIN: readonly [number, number] = [-8, 2];
export const MIN_WIDTH = 1;
export const MAX_WIDTH = 6;

/**
 * Colour stops along t (default domain: t = 0.4 is 1e-4, 0.8 is 1, 0.9 is 10): faint blue for
 * vanishing gradients, slate for the typical range, red for exploding ones.
 */
const STOPS: ReadonlyArray<readonly [number, string]> = [
  [0, 'rgba(74, 144, 226, 0.28)'],
  [0.4, 'rgba(74, 144, 226, 0.8)'],
  [0.6, 'rgba(100, 116, 139, 0.9)'],
  [0.8, 'rgba(100, 110, 130, 1)'],
  [0.9, 'rgba(205, 70, 60, 1)'],
  [1, 'rgba(220, 38, 38, 1)'],
];

// Interpolating parses both stops on every call, and hundreds of edges and nodes ask on each
// live update: a table of 1,025 steps (a hundredth of a decade apart) answers instead, built
// on first use from one interpolator per segment.
const STEPS = 1024;
let table: string[] | null = null;

function buildTable(): string[] {
  const segments = STOPS.slice(1).map(([tb, cb], i) => ({ ta: STOPS[i][0], tb, at: interpolateRgb(STOPS[i][1], cb) }));
  return Array.from({ length: STEPS + 1 }, (_, i) => {
    const t = i / STEPS;
    const seg = segments.find((g) => t <= g.tb) ?? segments[segments.length - 1];
    return seg.at((t - seg.ta) / (seg.tb - seg.ta));
  });
}

function colorAt(t: number): string {
  table ??= buildTable();
  return table[Math.round(t * STEPS)];
}

/**
 * The style of an edge carrying a gradient of norm `norm`: width and colour grow along log10(norm)
 * over `domain` (log10 values, default −8 … 2): thin and faint blue for vanishing gradients,
 * thick and red for exploding ones. 0 and values below the domain get the low end; NaN and ±∞
 * the high end.
 */
export function gradientStyle(norm: number, domain: readonly [number, number] = GRADIENT_DOMAIN): GradientStyle {
  const [d0, d1] = domain;
  if (!(d1 > d0)) throw new RangeError(`gradientStyle: domain must be [low, high] in log10 with low < high, got [${d0}, ${d1}]`);
  const nonFinite = !Number.isFinite(norm);
  let t: number;
  if (nonFinite) t = 1;
  else if (norm <= 0) t = 0;
  else t = Math.max(0, Math.min(1, (Math.log10(Math.abs(norm)) - d0) / (d1 - d0)));
  return { width: MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * t, color: colorAt(t), t, nonFinite };
}

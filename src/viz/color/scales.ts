import { color as parseColor, interpolateLab, interpolateViridis, piecewise, scaleLinear, scaleLog, schemeRdBu } from 'd3';

export type Rgb = readonly [number, number, number];

/** Entries of a scale's lookup table (odd, so a diverging scale's middle, 0, has its exact colour). */
export const LUT_SIZE = 257;

/** Colour of NaN and ±Infinity cells in every heatmap: outside both the diverging and the sequential ramps. */
export const NON_FINITE_RGB: Rgb = [255, 214, 0];

/**
 * A colour scale for heatmaps and legends. `t` places a value on the ramp [0, 1] (NaN for
 * a non-finite value); `lut` holds LUT_SIZE RGBA colours along the ramp so drawing a cell
 * is a table lookup.
 */
export interface ColorScale {
  readonly kind: 'diverging' | 'sequential';
  /** Values at the ends of the ramp (for a diverging scale −m and m). */
  readonly domain: readonly [number, number];
  /** 'log' for sequential scales over orders of magnitude. */
  readonly type: 'linear' | 'log';
  /**
   * Sequential log scales only: exact zeros get the ramp's first colour, and positive values
   * start at `zeroGap` along the ramp so the smallest non-zero stays visible against zero.
   */
  readonly zeroGap: number;
  /** Diverging scales: the power applied to |v|/maxAbs (1 = linear). */
  readonly exponent: number;
  readonly lut: Uint8ClampedArray;
  t(v: number): number;
  /** The colour of a value, as CSS. */
  color(v: number): string;
  /** The colour at position t ∈ [0, 1] of the ramp, as CSS. */
  at(t: number): string;
  /** Values for legend ticks. */
  ticks(count?: number): number[];
}

function buildLut(at: (t: number) => string): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const c = parseColor(at(i / (LUT_SIZE - 1)))!.rgb();
    lut[4 * i] = c.r;
    lut[4 * i + 1] = c.g;
    lut[4 * i + 2] = c.b;
    lut[4 * i + 3] = 255;
  }
  return lut;
}

function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

// ColorBrewer's 11 RdBu colours joined in Lab, blue first: the ends and the neutral middle
// (#f7f7f7, for 0) are exact, which d3's smoothed interpolateRdBu does not keep.
const rdBu = piecewise(interpolateLab, [...schemeRdBu[11]].reverse());

/** Blue for negative, neutral near-white at the middle (0), red for positive. */
export function divergingRamp(t: number): string {
  return rdBu(t);
}

let divergingLut: Uint8ClampedArray | null = null;
let viridisLut: Uint8ClampedArray | null = null;

export interface DivergingOptions {
  /**
   * Colour position ∝ sign(v)·(|v|/maxAbs)^exponent; below 1 it spreads small values apart (0.5 for
   * gradients spanning orders of magnitude on one shared scale). Default 1 (linear).
   */
  exponent?: number;
}

/**
 * The diverging scale for signed values (activations, weights, gradients): symmetric around 0
 * over [−maxAbs, maxAbs]. Pass the same scale to several heatmaps to compare them.
 */
export function divergingScale(maxAbs: number, options: DivergingOptions = {}): ColorScale {
  const m = Number.isFinite(maxAbs) && maxAbs > 0 ? maxAbs : 0;
  const e = options.exponent ?? 1;
  if (!(e > 0)) throw new RangeError(`divergingScale: exponent must be positive, got ${e}`);
  divergingLut ??= buildLut(divergingRamp);
  const t = (v: number) => {
    if (!Number.isFinite(v)) return NaN;
    if (m === 0) return 0.5;
    const u = Math.min(1, Math.abs(v) / m);
    return 0.5 + 0.5 * Math.sign(v) * (e === 1 ? u : u ** e);
  };
  const axis = scaleLinear().domain([-(m || 1), m || 1]);
  return {
    kind: 'diverging',
    domain: [-m, m],
    type: 'linear',
    zeroGap: 0,
    exponent: e,
    lut: divergingLut,
    t,
    color: (v) => (Number.isFinite(v) ? divergingRamp(t(v)) : rgbCss(NON_FINITE_RGB)),
    at: divergingRamp,
    ticks: (count = 5) => (m <= 0 ? [0] : e === 1 ? symmetricTicks(axis.ticks(count), m) : powerTicks(m, e)),
  };
}

/**
 * Ticks of a power scale: 0, a nice value near the end and one where its colour is halfway
 * there (|v| = end·2^(−1/e)), so they spread along the bar as evenly spaced ticks would not.
 */
function powerTicks(m: number, e: number): number[] {
  const end = Math.max(...scaleLinear().domain([0, m]).ticks(3).filter((v) => v <= m));
  const half = Number((end * 0.5 ** (1 / e)).toPrecision(1));
  const inner = half > 0 && half < end ? [half] : [];
  return [-end, ...inner.map((v) => -v), 0, ...inner, end];
}

/** Ticks of a symmetric domain, with its ends when the nice ticks stop short of them. */
function symmetricTicks(ticks: number[], m: number): number[] {
  return ticks.filter((v) => Math.abs(v) <= m * (1 + 1e-9));
}

/** The largest |value| among finite ones of several tensors (their min and max suffice). */
export function jointMaxAbs(ranges: ReadonlyArray<{ min: number; max: number } | null | undefined>): number {
  let m = 0;
  for (const r of ranges) {
    if (!r) continue;
    for (const v of [r.min, r.max]) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  }
  return m;
}

/** One diverging scale for several tensors: the domain is their joint max |value|. */
export function sharedDivergingScale(ranges: ReadonlyArray<{ min: number; max: number } | null | undefined>, options: DivergingOptions = {}): ColorScale {
  return divergingScale(jointMaxAbs(ranges), options);
}

export interface SequentialOptions {
  /** [lo, hi]; for 'log' both positive. */
  domain: readonly [number, number];
  type?: 'linear' | 'log';
  /** Log scales: where positive values start along the ramp (default 0.5). */
  zeroGap?: number;
}

/** Viridis: dark purple → teal → yellow, for magnitudes and fractions (Jacobian tiles). */
export function sequentialRamp(t: number): string {
  return interpolateViridis(t);
}

/**
 * The sequential scale for magnitudes and fractions. With `type: 'log'`, exact zeros take the
 * ramp's first colour and positive values are placed logarithmically on [zeroGap, 1], so a
 * cell with one non-zero in a thousand stands out from an all-zero cell.
 */
export function sequentialScale(options: SequentialOptions): ColorScale {
  const type = options.type ?? 'linear';
  let [lo, hi] = options.domain;
  viridisLut ??= buildLut(sequentialRamp);
  if (type === 'log') {
    if (!(lo > 0) || !Number.isFinite(lo)) lo = hi > 0 ? hi / 10 : 1;
    if (!(hi > lo)) hi = lo * 10;
    const gap = options.zeroGap ?? 0.5;
    const ll = Math.log(lo);
    const span = Math.log(hi) - ll;
    const t = (v: number) => (!Number.isFinite(v) ? NaN : v <= 0 ? 0 : gap + (1 - gap) * clamp01((Math.log(v) - ll) / span));
    const axis = scaleLog().domain([lo, hi]);
    return {
      kind: 'sequential',
      domain: [lo, hi],
      type,
      zeroGap: gap,
      exponent: 1,
      lut: viridisLut,
      t,
      color: (v) => (Number.isFinite(v) ? sequentialRamp(t(v)) : rgbCss(NON_FINITE_RGB)),
      at: sequentialRamp,
      ticks: (count = 4) => logTicks(axis.ticks(count), lo, hi),
    };
  }
  if (!Number.isFinite(lo)) lo = 0;
  if (!(hi > lo)) hi = lo + 1;
  const t = (v: number) => (Number.isFinite(v) ? clamp01((v - lo) / (hi - lo)) : NaN);
  const axis = scaleLinear().domain([lo, hi]);
  return {
    kind: 'sequential',
    domain: [lo, hi],
    type,
    zeroGap: 0,
    exponent: 1,
    lut: viridisLut,
    t,
    color: (v) => (Number.isFinite(v) ? sequentialRamp(t(v)) : rgbCss(NON_FINITE_RGB)),
    at: sequentialRamp,
    ticks: (count = 5) => axis.ticks(count),
  };
}

/** Powers of ten inside [lo, hi], thinned to at most 5, with the ends when no power falls inside. */
function logTicks(ticks: number[], lo: number, hi: number): number[] {
  const pow = ticks.filter((v) => Number.isInteger(Math.round(Math.log10(v) * 1e6) / 1e6));
  if (pow.length >= 2) {
    const k = Math.ceil(pow.length / 5);
    return pow.filter((_, i) => i % k === 0);
  }
  return [lo, hi];
}

export function rgbCss(c: Rgb): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** The RGB of a value under a scale, as the heatmaps draw it (through the lookup table). */
export function scaleRgb(scale: ColorScale, v: number): Rgb {
  const t = scale.t(v);
  if (Number.isNaN(t)) return NON_FINITE_RGB;
  const i = 4 * Math.round(t * (LUT_SIZE - 1));
  return [scale.lut[i], scale.lut[i + 1], scale.lut[i + 2]];
}

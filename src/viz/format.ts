import { format } from 'd3';

const sig3 = format('.3~g');
const tick = format('.3~r');
const expo = format('.2~e');
const grouped = format(',');

/** A number for a caption or tooltip: 3 significant digits, exponent outside 1e-3…1e5, a real minus sign. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a < 1e-3 || a >= 1e5 ? expo(v) : sig3(v);
  return s.replace('-', '−');
}

/** A tick label for nice values: up to 3 significant digits, exponent outside 1e-3…1e5. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a < 1e-3 || a >= 1e5 ? format('.1~e')(v) : tick(v);
  return s.replace('-', '−');
}

/** A power of ten as 10⁻⁶ … 10²; other numbers as formatTick. */
export function formatPow10(v: number): string {
  const e = Math.log10(v);
  if (v > 0 && Number.isInteger(Math.round(e * 1e9) / 1e9)) {
    const k = Math.round(e);
    if (k >= -2 && k <= 3) return formatTick(v);
    return `10${superscript(k)}`;
  }
  return formatTick(v);
}

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

function superscript(k: number): string {
  return String(k).replace(/./g, (c) => SUP[c] ?? c);
}

/** An integer with thousands separators: 2,147,483,648. */
export function formatCount(n: number): string {
  return grouped(n);
}

/** A shape as a tuple, as NumPy and PyTorch print it: (64, 512, 64, 1024); (5,) for one dimension. */
export function formatShapeTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** A shape in brackets: [32, 3]. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export { formatBytes } from '../model';

/** A fraction in [0, 1] as a percentage with enough digits to tell it from 0 and 100. */
export function formatPercent(f: number): string {
  if (f === 0) return '0%';
  if (f === 1) return '100%';
  const p = f * 100;
  if (p >= 99.5) return `${Math.min(99.9, Math.floor(p * 10) / 10)}%`;
  if (p >= 10) return `${Math.round(p)}%`;
  if (p >= 0.1) return `${Number(p.toFixed(1))}%`;
  return `${Number(p.toPrecision(2))}%`;
}

/**
 * How many of `entries` are non-zero, in words: "1/64 non-zero" when entries / nonZeros is a
 * whole number, else a percentage ("4.7% non-zero"), "all entries non-zero", "no non-zeros".
 */
export function nonZeroText(nonZeros: number, entries: number): string {
  if (entries <= 0) return 'no entries';
  if (nonZeros <= 0) return 'no non-zeros';
  if (nonZeros >= entries) return 'all entries non-zero';
  const ratio = entries / nonZeros;
  // entries and nonZeros are exact integers below 2^53, so the remainder test is exact.
  if (entries % nonZeros === 0) return `1/${formatCount(ratio)} non-zero`;
  return `${formatPercent(nonZeros / entries)} non-zero`;
}

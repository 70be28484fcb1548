import type { DatasetError } from './types';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** A cell value as the user wrote it, quoted and shortened for a message. */
export function quote(cell: string): string {
  const s = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
  return JSON.stringify(s);
}

/** Whether a cell is written as a number (including NaN and Infinity, which are then refused). */
export function looksNumeric(cell: string, decimalComma: boolean): boolean {
  const s = cell.trim();
  return NUMBER.test(s) || NON_FINITE.test(s) || (decimalComma && DECIMAL_COMMA.test(s));
}

/**
 * A cell read as a float32-representable number, or why it is not one. Plain decimal and
 * exponent notation only (no hex, no thousands separators); with `decimalComma` (files
 * separated by `;` or tab) "1,5" also reads as 1.5.
 */
export function readNumber(cell: string, decimalComma: boolean): { value: number } | { problem: string } {
  let s = cell.trim();
  if (s === '') return { problem: 'the cell is empty' };
  if (NON_FINITE.test(s)) return { problem: `${quote(cell)} is not a finite number (NaN and Infinity are not allowed)` };
  if (decimalComma && DECIMAL_COMMA.test(s)) s = s.replace(',', '.');
  if (!NUMBER.test(s)) return { problem: `${quote(cell)} is not a number` };
  const value = Number(s);
  if (!Number.isFinite(Math.fround(value))) return { problem: `${quote(cell)} is too large for a 32-bit float (at most about 3.4e38)` };
  return { value };
}

/** Collects errors up to a cap, then counts the rest for a closing "… and N more". */
export class ErrorList {
  readonly items: DatasetError[] = [];
  private dropped = 0;

  constructor(private readonly cap = 20) {}

  add(error: DatasetError): void {
    if (this.items.length < this.cap) this.items.push(error);
    else this.dropped++;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /** The collected errors in line order, closed by "… and N more errors." when some were dropped. */
  list(): DatasetError[] {
    const key = (e: DatasetError): number => e.row ?? Number.MAX_SAFE_INTEGER;
    const items = this.items.slice().sort((a, b) => key(a) - key(b));
    if (this.dropped === 0) return items;
    const more = this.dropped === 1 ? '1 more error' : `${this.dropped} more errors`;
    return [...items, { message: `… and ${more}.` }];
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksNumeric } from './csv-cells';
import { parseCsv, type CsvOptions } from './csv';
import type { DatasetResult } from './types';

/** Lines as an editor counts them (CRLF, LF and lone CR each end one). */
const lineCount = (text: string): number => text.split(/\r\n|\r|\n/).length;

/** What any result must satisfy, whatever the input. */
function checkResult(r: DatasetResult, text: string): void {
  if (r.ok) {
    const d = r.data;
    const n = d.y.length;
    expect(n).toBeGreaterThan(0);
    expect(d.features).toBeGreaterThanOrEqual(1);
    expect(d.x.length).toBe(n * d.features);
    expect(d.featureNames).toHaveLength(d.features);
    expect(d.classes).toBeGreaterThanOrEqual(2);
    expect(d.classes).toBeLessThanOrEqual(1000);
    if (d.classNames) expect(d.classNames).toHaveLength(d.classes);
    for (const v of d.y) expect(Number.isInteger(v) && v >= 0 && v < d.classes).toBe(true);
    expect(new Set(d.y).size).toBeGreaterThanOrEqual(2);
    for (const v of d.x) expect(Number.isFinite(v)).toBe(true);
  } else {
    expect(r.errors.length).toBeGreaterThanOrEqual(1);
    expect(r.errors.length).toBeLessThanOrEqual(21);
    for (const e of r.errors) {
      expect(typeof e.message).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
      if (e.row !== undefined) {
        expect(Number.isInteger(e.row)).toBe(true);
        expect(e.row).toBeGreaterThanOrEqual(1);
        expect(e.row).toBeLessThanOrEqual(lineCount(text));
      }
    }
  }
}

const SEPARATORS = [',', ';', '\t'] as const;
const CSV_CHARS = [',', ';', '\t', '"', '\r', '\n', ' ', '0', '1', '2', '9', '.', '-', '+', 'e', 'E', 'a', 'x', 'N', 'I', '\uFEFF'];

/** A cell as a writer would put it: quoted when it must be, and sometimes when it need not be. */
function writeCell(cell: string, sep: string, quoteAnyway: boolean): string {
  const must = cell.includes(sep) || /["\r\n]/.test(cell) || cell.trim() !== cell;
  return must || quoteAnyway ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A name free of the separators not in use (detection is by consistent splitting) and not numeric. */
const nameArb = (sep: string) =>
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((s) => s === s.trim() && !s.includes('\uFEFF') && !looksNumeric(s, true) && SEPARATORS.every((c) => c === sep || !s.includes(c)));

const tableArb = fc.constantFrom(...SEPARATORS).chain((sep) =>
  fc.record({
    sep: fc.constant(sep),
    eol: fc.constantFrom('\n', '\r\n'),
    finalEol: fc.boolean(),
    features: fc.integer({ min: 1, max: 4 }),
    classNames: fc.option(fc.uniqueArray(nameArb(sep), { minLength: 2, maxLength: 5 }), { nil: undefined }),
    headerNames: fc.array(nameArb(sep), { minLength: 5, maxLength: 5 }),
    rows: fc.array(
      fc.record({
        values: fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 4, maxLength: 4 }),
        label: fc.nat(4),
        quote: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      }),
      { minLength: 2, maxLength: 30 },
    ),
  }),
);

type Table = typeof tableArb extends fc.Arbitrary<infer T> ? T : never;

function render(t: Table): { text: string; x: number[]; y: number[]; classNames?: string[] } {
  const k = t.classNames?.length ?? 5;
  const labels = t.rows.map((r, i) => (i < 2 ? i : r.label % k));
  const header = [...t.headerNames.slice(0, t.features).map((n, j) => `f${j}${n}`), t.headerNames[4]];
  const lines = [header.map((h) => writeCell(h, t.sep, false)).join(t.sep)];
  t.rows.forEach((r, i) => {
    const cells = [...r.values.slice(0, t.features).map(String), t.classNames ? t.classNames[labels[i]] : String(labels[i])];
    lines.push(cells.map((c, j) => writeCell(c, t.sep, r.quote[j])).join(t.sep));
  });
  const x = t.rows.flatMap((r) => r.values.slice(0, t.features).map((v) => v + 0));
  const text = lines.join(t.eol) + (t.finalEol ? t.eol : '');
  if (!t.classNames) return { text, x, y: labels };
  // Named classes are numbered in order of first appearance.
  const seen: string[] = [];
  const y = labels.map((k) => {
    const name = t.classNames![k];
    if (!seen.includes(name)) seen.push(name);
    return seen.indexOf(name);
  });
  return { text, x, y, classNames: seen };
}

describe('parseCsv under fuzzing', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(...CSV_CHARS), maxLength: 300 })), (text) => {
        checkResult(parseCsv(text), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary options', () => {
    const labelColumn = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -3, max: 6 }), fc.double(), fc.constant(undefined));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...CSV_CHARS), maxLength: 120 }), labelColumn, fc.integer({ min: -2, max: 5 }), fc.integer({ min: -1, max: 3 }), (text, lc, maxRows, maxErrors) => {
        const options: CsvOptions = { labelColumn: lc, maxRows, maxErrors };
        const r = parseCsv(`a,b,y\n${text}`, options);
        checkResult(r, `a,b,y\n${text}`);
        if (!r.ok && maxErrors >= 1) expect(r.errors.length).toBeLessThanOrEqual(maxErrors + 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back any table a writer produces', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const { text, x, y, classNames } = render(t);
        const r = parseCsv(text);
        if (!r.ok) throw new Error(`${JSON.stringify(text)} → ${JSON.stringify(r.errors)}`);
        expect([...r.data.x]).toEqual(x);
        expect([...r.data.y]).toEqual(y);
        expect(r.data.features).toBe(t.features);
        expect(r.data.classNames).toEqual(classNames);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on mutations of a valid file', () => {
    const edit = fc.record({ at: fc.nat(), del: fc.nat(3), insert: fc.string({ unit: fc.constantFrom(...CSV_CHARS), maxLength: 3 }) });
    fc.assert(
      fc.property(tableArb, fc.array(edit, { minLength: 1, maxLength: 6 }), (t, edits) => {
        let { text } = render(t);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.del);
        }
        checkResult(parseCsv(text), text);
      }),
      { numRuns: 2000 },
    );
  });
});

import { detectSeparator, readRecords } from './csv-records';
import { ErrorList, looksNumeric, quote, readNumber } from './csv-cells';
import type { Dataset, DatasetError, DatasetResult } from './types';

/** Most data rows a CSV may have. */
export const MAX_CSV_ROWS = 100_000;
/** Most classes a CSV label column may define (the model document's limit). */
export const MAX_CLASSES = 1000;

export interface CsvOptions {
  /** The label column: its header name, or its 0-based index. Default: the last column. */
  labelColumn?: string | number;
  /** Most data rows accepted (default 100,000). */
  maxRows?: number;
  /** Name given to the dataset (default "csv"). */
  name?: string;
  /** Most errors listed before "… and N more" (default 20). */
  maxErrors?: number;
  /** What the label column holds: class labels (default) or numbers to fit (regression). */
  target?: 'class' | 'number';
}

const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Reads the user's own data: a header row naming the columns, then one row per sample of
 * numeric feature cells and a label cell (the last column, or `labelColumn`).
 *
 * The header must name the feature columns with words (a first row whose feature cells are
 * numbers is taken for a missing header). Format: comma-separated, or semicolon/tab-separated
 * when that splits the first rows consistently (then "1,5" also reads as 1.5); quoted cells
 * per RFC 4180; LF or CRLF line ends; blank lines and a byte-order mark ignored.
 *
 * Labels: when most label cells are numbers, labels are class numbers 0 … K−1 (whole,
 * non-negative, below 1000; K = largest + 1) and any other label is an error. Otherwise
 * every label is a class name, and classes are numbered in order of first appearance
 * ("setosa" → 0, the next new name → 1, …) with `classNames` keeping the names.
 *
 * With `target: 'number'` the label column holds a number per sample to fit instead
 * (regression): any finite number, every cell checked like a feature's.
 *
 * Never throws: every problem is returned, with its 1-based line and column name.
 */
export function parseCsv(text: string, options: CsvOptions = {}): DatasetResult {
  const maxRows = options.maxRows ?? MAX_CSV_ROWS;
  const maxErrors = options.maxErrors ?? 20;
  const fail = (e: DatasetError): DatasetResult => ({ ok: false, errors: [e] });
  if (typeof text !== 'string') return fail({ message: 'The CSV data is not text.' });
  if (!Number.isInteger(maxRows) || maxRows < 1) return fail({ message: `maxRows must be a whole number ≥ 1, got ${maxRows}.` });
  if (!Number.isInteger(maxErrors) || maxErrors < 1) return fail({ message: `maxErrors must be a whole number ≥ 1, got ${maxErrors}.` });
  const errors = new ErrorList(maxErrors);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail({ message: 'The file is empty: it needs a header row naming the columns, then one row per sample.' });

  const sep = detectSeparator(text);
  const decimalComma = sep !== ',';
  const { records, problems, overflow } = readRecords(text, sep, maxRows + 1);
  if (overflow) {
    return fail({ message: `The file has more than ${thousands(maxRows)} data rows; the limit is ${thousands(maxRows)}.` });
  }
  for (const p of problems) errors.add({ row: p.line, message: p.message });

  const header = records[0];
  if (!header) return fail({ message: 'The file is empty: it needs a header row naming the columns, then one row per sample.' });
  if (header.broken) return { ok: false, errors: errors.list() };
  const names = header.cells.map((c, j) => c.trim() || `column ${j + 1}`);
  const width = names.length;
  if (width < 2) {
    return fail({
      row: header.line,
      message: `Line ${header.line}: the header has only 1 column (${quote(header.cells[0])}); a CSV needs at least 2 — feature columns and a label column — separated by commas, semicolons or tabs.`,
    });
  }
  const label = resolveLabelColumn(names, options.labelColumn);
  if (typeof label === 'string') return fail({ row: header.line, message: label });
  // A file without a header would otherwise lose its first sample silently.
  if (header.cells.every((c, j) => j === label || looksNumeric(c, decimalComma))) {
    return fail({
      row: header.line,
      message: `Line ${header.line}: the first row looks like data (its feature cells are numbers), but it must be a header naming the columns (for example x1,x2,label); name columns with words, not numbers.`,
    });
  }
  const rows = records.slice(1);
  if (rows.length === 0) return fail({ message: 'The file has a header but no data rows.' });

  const features = width - 1;
  const labelName = names[label];
  const xs: number[] = [];
  const labels: { line: number; cell: string }[] = [];
  for (const row of rows) {
    if (row.broken) continue;
    if (row.cells.length !== width) {
      errors.add({ row: row.line, message: `Line ${row.line}: expected ${width} columns (as in the header), got ${row.cells.length}.` });
      continue;
    }
    for (let j = 0; j < width; j++) {
      if (j === label) continue;
      const r = readNumber(row.cells[j], decimalComma);
      if ('problem' in r) errors.add({ row: row.line, column: names[j], message: `Line ${row.line}, column ${quote(names[j])}: ${r.problem}.` });
      else xs.push(r.value);
    }
    const cell = row.cells[label].trim();
    if (cell === '') errors.add({ row: row.line, column: labelName, message: `Line ${row.line}, column ${quote(labelName)}: the label is empty.` });
    else labels.push({ line: row.line, cell });
  }

  if (options.target === 'number') return numericTargets(labels, labelName, decimalComma, errors, () => ({
    name: options.name ?? 'csv',
    features,
    classes: 0,
    x: Float32Array.from(xs),
    y: new Int32Array(labels.length),
    featureNames: names.filter((_, j) => j !== label),
  }));
  const numericCount = labels.reduce((s, l) => s + (looksNumeric(l.cell, decimalComma) ? 1 : 0), 0);
  const classes = numericCount * 2 > labels.length ? numericLabels(labels, labelName, decimalComma, errors) : namedLabels(labels, labelName, errors);
  if (!errors.empty) return { ok: false, errors: errors.list() };

  const distinct = new Set(classes.y).size;
  if (distinct < 2) {
    const only = classes.names ? classes.names[0] : String(classes.y[0]);
    return fail({
      column: labelName,
      message: `Every row has the label ${quote(only)} in column ${quote(labelName)}: a classifier needs at least 2 classes.`,
    });
  }
  const data: Dataset = {
    name: options.name ?? 'csv',
    features,
    classes: classes.count,
    x: Float32Array.from(xs),
    y: Int32Array.from(classes.y),
    featureNames: names.filter((_, j) => j !== label),
  };
  if (classes.names) data.classNames = classes.names;
  return { ok: true, data };
}

/** The label column's index, or a message saying why it cannot be found. */
function resolveLabelColumn(names: string[], wanted: string | number | undefined): number | string {
  if (wanted === undefined) return names.length - 1;
  const list = names.slice(0, 12).map(quote).join(', ') + (names.length > 12 ? ', …' : '');
  if (typeof wanted === 'number') {
    if (Number.isInteger(wanted) && wanted >= 0 && wanted < names.length) return wanted;
    return `The label column number ${wanted} is out of range: the file has ${names.length} columns, numbered 0 to ${names.length - 1}.`;
  }
  if (typeof wanted !== 'string') return 'The label column must be a column name or number.';
  const key = wanted.trim();
  let hits = names.flatMap((n, j) => (n === key ? [j] : []));
  if (hits.length === 0) hits = names.flatMap((n, j) => (n.toLowerCase() === key.toLowerCase() ? [j] : []));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) return `The label column ${quote(wanted)} is ambiguous: ${hits.length} columns have that name.`;
  return `There is no column named ${quote(wanted)} for the labels; the columns are ${list}.`;
}

/** Regression: the label cells as numbers, or every problem with them. */
function numericTargets(
  labels: { line: number; cell: string }[],
  column: string,
  decimalComma: boolean,
  errors: ErrorList,
  dataset: () => Dataset,
): DatasetResult {
  const targets = new Float32Array(labels.length);
  labels.forEach(({ line, cell }, i) => {
    const r = readNumber(cell, decimalComma);
    if ('problem' in r) errors.add({ row: line, column, message: `Line ${line}, column ${quote(column)}: the target ${r.problem} (this column holds the numbers to fit).` });
    else targets[i] = r.value;
  });
  if (!errors.empty) return { ok: false, errors: errors.list() };
  return { ok: true, data: { ...dataset(), targets, targetName: column } };
}

interface Classes {
  y: number[];
  count: number;
  names?: string[];
}

function numericLabels(labels: { line: number; cell: string }[], column: string, decimalComma: boolean, errors: ErrorList): Classes {
  const y: number[] = [];
  let max = -1;
  const where = (line: number): string => `Line ${line}, column ${quote(column)}`;
  for (const { line, cell } of labels) {
    const add = (message: string): void => errors.add({ row: line, column, message: `${where(line)}: ${message}` });
    if (!looksNumeric(cell, decimalComma)) {
      add(`the label ${quote(cell)} is not a class number, but most labels in this column are (use class numbers 0, 1, 2, … or names throughout).`);
      continue;
    }
    const r = readNumber(cell, decimalComma);
    if ('problem' in r) add(`${r.problem}.`);
    else if (r.value < 0) add(`the label ${quote(cell)} is out of range: class numbers start at 0.`);
    else if (!Number.isInteger(r.value)) add(`the label ${quote(cell)} is out of range: class numbers are whole numbers 0, 1, 2, … (if the column holds numbers to fit, read it as numbers: regression).`);
    else if (r.value >= MAX_CLASSES) add(`the label ${quote(cell)} is out of range: at most ${MAX_CLASSES} classes (labels 0 to ${MAX_CLASSES - 1}).`);
    else {
      y.push(r.value);
      if (r.value > max) max = r.value;
    }
  }
  return { y, count: max + 1 };
}

function namedLabels(labels: { line: number; cell: string }[], column: string, errors: ErrorList): Classes {
  const ids = new Map<string, number>();
  const y: number[] = [];
  for (const { line, cell } of labels) {
    let id = ids.get(cell);
    if (id === undefined) {
      if (ids.size === MAX_CLASSES) {
        errors.add({ row: line, column, message: `Line ${line}, column ${quote(column)}: more than ${MAX_CLASSES} distinct labels; at most ${MAX_CLASSES} classes are supported.` });
        break;
      }
      id = ids.size;
      ids.set(cell, id);
    }
    y.push(id);
  }
  return { y, count: ids.size, names: [...ids.keys()] };
}

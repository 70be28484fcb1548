import type { TrainingSettings } from '../../model';
import { detectSeparator, readRecords, parseCsv, type DatasetError } from '../../runtime';

/** Largest CSV file accepted (the whole text is kept in the document). */
export const MAX_CSV_BYTES = 32 * 1024 * 1024;

/** What a CSV holds, for the confirmation message and the panel. */
export interface CsvSummary {
  samples: number;
  features: number;
  classes: number;
  featureNames: string[];
  classNames?: string[];
  /** Regression data: the column of numbers to fit. */
  targetName?: string;
}

/** What a CSV's label column holds: class labels, or numbers to fit (regression). */
export type CsvTarget = 'class' | 'number';

export type CsvLoad = { ok: true; training: TrainingSettings; summary: CsvSummary } | { ok: false; errors: DatasetError[] };

/** The header's column names as the parser names them (a blank header cell is "column N"); [] without a header. */
export function csvColumns(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const header = readRecords(body, detectSeparator(body), 1).records[0];
  if (!header || header.broken) return [];
  return header.cells.map((c, j) => c.trim() || `column ${j + 1}`);
}

/**
 * The settings with the CSV as their dataset (kind 'csv', its name, text and label column;
 * the other dataset settings kept), if the file parses; otherwise every problem, with its
 * line and column. `labelColumn` undefined means the last column; `target` 'number' reads it
 * as numbers to fit (regression) rather than class labels.
 */
export function loadCsv(training: TrainingSettings, text: string, name: string, labelColumn?: string, target: CsvTarget = 'class'): CsvLoad {
  const parsed = parseCsv(text, { name, labelColumn, target });
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  const csv = { name, text, ...(labelColumn === undefined ? {} : { label_column: labelColumn }), ...(target === 'number' ? { target } : {}) };
  return {
    ok: true,
    training: { ...training, dataset: { ...training.dataset, kind: 'csv', csv } },
    summary: {
      samples: d.y.length,
      features: d.features,
      classes: d.classes,
      featureNames: d.featureNames,
      ...(d.classNames ? { classNames: d.classNames } : {}),
      ...(d.targets ? { targetName: d.targetName } : {}),
    },
  };
}

/** A file's text, or why it cannot be read as a CSV (too large, not text). */
export async function readCsvFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<{ ok: true; text: string } | { ok: false; errors: DatasetError[] }> {
  if (file.size > MAX_CSV_BYTES) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return { ok: false, errors: [{ message: `“${file.name}” is ${mib(file.size)}; a CSV file may be at most ${mib(MAX_CSV_BYTES)}.` }] };
  }
  const text = await file.text();
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const row = text.slice(0, nul).split('\n').length;
    return { ok: false, errors: [{ row, message: `Line ${row}: “${file.name}” contains binary data (a NUL byte); a CSV file is plain text.` }] };
  }
  return { ok: true, text };
}

/** "1 sample" / "150 samples". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** One record of a delimited text file, before its cells are interpreted. */
export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted cell may span lines). */
  line: number;
  cells: string[];
  /** Set when the record is malformed (see `problems`); its cells are not to be trusted. */
  broken?: boolean;
}

export interface CsvRecords {
  /** Non-blank records in order (the header first). */
  records: CsvRecord[];
  /** Syntax problems (unclosed or misplaced quotes), with their line. */
  problems: { line: number; message: string }[];
  /** True when reading stopped because more than `limit` records were found. */
  overflow: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Splits delimited text into records per RFC 4180: a cell starting with `"` is quoted and
 * may contain separators, line breaks and `""` for a quote; LF, CRLF and lone CR end a
 * record; blank lines are skipped. Unquoted cells are kept verbatim (quotes inside them are
 * literal). Reading stops once more than `limit` non-blank records are seen.
 */
export function readRecords(text: string, sep: string, limit: number): CsvRecords {
  const sepCode = sep.charCodeAt(0);
  const n = text.length;
  const records: CsvRecord[] = [];
  const problems: CsvRecords['problems'] = [];
  let cells: string[] = [];
  let field = '';
  let fieldStart = true;
  let quotedInRecord = false;
  let broken = false;
  let line = 1;
  let recordLine = 1;
  let overflow = false;

  const endRecord = (): void => {
    cells.push(field);
    const blank = cells.length === 1 && !quotedInRecord && field.trim() === '';
    if (!blank) {
      if (records.length >= limit) overflow = true;
      else records.push(broken ? { line: recordLine, cells, broken } : { line: recordLine, cells });
    }
    cells = [];
    field = '';
    fieldStart = true;
    quotedInRecord = false;
    broken = false;
  };

  let i = 0;
  while (i < n && !overflow) {
    const c = text.charCodeAt(i);
    if (fieldStart && c === QUOTE) {
      quotedInRecord = true;
      fieldStart = false;
      const openLine = line;
      let chunk = ++i;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            field += text.slice(chunk, i + 1);
            i += 2;
            chunk = i;
            continue;
          }
          field += text.slice(chunk, i);
          i++;
          closed = true;
          break;
        }
        if (d === LF || (d === CR && text.charCodeAt(i + 1) !== LF)) line++;
        i++;
      }
      if (!closed) {
        field += text.slice(chunk, i);
        problems.push({ line: openLine, message: `Line ${openLine}: a quoted cell is never closed (a closing " is missing).` });
        broken = true;
        break;
      }
      const next = i < n ? text.charCodeAt(i) : -1;
      if (next !== -1 && next !== sepCode && next !== LF && next !== CR) {
        problems.push({
          line,
          message: `Line ${line}: unexpected text after the closing quote of a quoted cell (write "" for a quote inside a quoted cell).`,
        });
        broken = true;
      }
      continue;
    }
    if (c === sepCode) {
      cells.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (c === LF || c === CR) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === sepCode || d === LF || d === CR) break;
      j++;
    }
    field += text.slice(i, j);
    fieldStart = false;
    i = j;
  }
  if (!overflow && (cells.length > 0 || field !== '' || quotedInRecord)) endRecord();
  return { records, problems, overflow };
}

const CANDIDATES = [',', ';', '\t'] as const;

/**
 * The separator: the first of comma, semicolon and tab that splits the first 20 records
 * into the same number (≥ 2) of cells; failing that, the one giving the header the most
 * cells (comma on a tie), so the user is told about the rows that disagree.
 */
export function detectSeparator(text: string): string {
  let best: string = ',';
  let bestHeader = 0;
  for (const sep of CANDIDATES) {
    const { records } = readRecords(text, sep, 20);
    if (records.length === 0) continue;
    const width = records[0].cells.length;
    if (width >= 2 && records.every((r) => r.cells.length === width)) return sep;
    if (width > bestHeader) {
      best = sep;
      bestHeader = width;
    }
  }
  return best;
}

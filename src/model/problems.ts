import { formatPath, type PathSegment } from './json-path';

/** One thing wrong with a document: where (a JSON path, `$` the root) and what, in words. */
export interface DocumentProblem {
  path: string;
  message: string;
  /** For JSON syntax errors: where in the text, 1-based. */
  line?: number;
  column?: number;
}

/** Problems listed before the rest are summed up in a final "… and N more". */
export const MAX_REPORTED_PROBLEMS = 100;

/** Where the checks report to. */
export interface ProblemSink {
  /**
   * Reports a problem at `path`. `message` is only called (at once) when the problem is
   * listed, so a document with a million mistakes costs a count, not a million messages.
   */
  add(path: readonly PathSegment[], message: () => string): void;
}

/**
 * The problems of one reading. A problem at a path already listed, or inside one, is
 * dropped: the first report (the most specific check) says it best. Past the first
 * MAX_REPORTED_PROBLEMS, problems are only counted.
 */
export class ProblemList implements ProblemSink {
  private readonly list: DocumentProblem[] = [];
  private readonly paths = new Set<string>();
  private total = 0;

  /** Problems found, listed or not. */
  get size(): number {
    return this.total;
  }

  /** True once no further problem would be listed: later checks can be skipped. */
  get full(): boolean {
    return this.list.length >= MAX_REPORTED_PROBLEMS;
  }

  add(path: readonly PathSegment[], message: () => string): void {
    // Every prefix but the root: a problem at `$` hides nothing.
    let p = '$';
    for (const seg of path) {
      p = formatPath([seg], p);
      if (this.paths.has(p)) return;
    }
    this.total++;
    if (this.full) return;
    this.paths.add(p);
    this.list.push({ path: p, message: message() });
  }

  /**
   * The problems as listed, with the count of those left out. `complete` is false when
   * checks were skipped because the list was full: the count is then a lower bound.
   */
  errors(complete = true): DocumentProblem[] {
    const errors = [...this.list];
    if (errors.length === 0) errors.push({ path: '$', message: 'The document does not match the model format.' });
    const rest = this.total - this.list.length;
    if (rest > 0) {
      const more = `${complete ? '' : 'at least '}${rest.toLocaleString('en-US')} more ${rest === 1 ? 'problem' : 'problems'}`;
      errors.push({ path: '$', message: `… and ${more}.` });
    }
    return errors;
  }
}

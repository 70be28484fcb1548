import type { CodeReport } from '../../runtime';
import type { CodeMark } from './CodeEditor';

/** The 1-based line where a method of the layer class is declared (`  backward(dout) {`), or null. */
export function methodLine(code: string, method: string): number | null {
  const lines = code.split('\n');
  const re = new RegExp(`^\\s*(?:async\\s+)?${method}\\s*\\(`);
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? null : i + 1;
}

function entry(index: readonly number[]): string {
  return `[${index.join(', ')}]`;
}

/**
 * What the editor underlines for a report: the error where the engine located it; for a
 * gradient that disagrees with finite differences, the method that computed it (backward,
 * or jvp), with the worst entry in words.
 */
export function reportMarks(code: string, report: CodeReport | null): CodeMark[] {
  if (!report) return [];
  if (!report.ok) return [{ line: report.error.line ?? 1, column: report.error.line === null ? null : report.error.column, message: report.error.message, severity: 'error' }];
  const marks: CodeMark[] = [];
  const wrong = report.lines.filter((l) => !l.ok);
  const backward = methodLine(code, 'backward');
  if (wrong.length && backward !== null) {
    const parts = wrong.map((l) => {
      const w = l.worst[0];
      return `${l.label} diff=${l.maxRelError.toFixed(3)}${w ? ` (worst at ${entry(w.index)}: backward gives ${w.analytic.toPrecision(4)}, finite differences ${w.numeric.toPrecision(4)})` : ''}`;
    });
    marks.push({ line: backward, column: null, severity: 'warning', message: `backward disagrees with finite differences of forward: ${parts.join('; ')}` });
  }
  const jvp = methodLine(code, 'jvp');
  if (report.jvp.provided && report.jvp.maxRelError !== null && report.jvp.maxRelError > 1e-6 && jvp !== null) {
    marks.push({ line: jvp, column: null, severity: 'warning', message: `jvp disagrees with finite differences of forward (max relative error ${report.jvp.maxRelError.toExponential(1)})` });
  }
  return marks;
}

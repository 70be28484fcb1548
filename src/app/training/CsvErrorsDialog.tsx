import type { DatasetError } from '../../runtime';
import { AlertDialog } from '../Dialog';

/** Where a CSV problem is: "line 3 · column “x2”", "line 3", "column “label”", or nothing. */
export function csvErrorPlace(e: DatasetError): string {
  const parts: string[] = [];
  if (e.row !== undefined) parts.push(`line ${e.row}`);
  if (e.column !== undefined) parts.push(`column “${e.column}”`);
  return parts.join(' · ');
}

/**
 * The message without the "Line 3, column "x2": " it starts with (the table shows the line
 * and column in their own cells), capitalised.
 */
export function csvErrorText(e: DatasetError): string {
  if (e.row === undefined) return e.message;
  const m = /^Line \d+(?:, column "(?:[^"\\]|\\.)*")?: /.exec(e.message);
  if (!m) return e.message;
  const rest = e.message.slice(m[0].length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** Every problem the parser found in a CSV file, each with its line and column. Nothing was changed. */
export function CsvErrorsDialog({ fileName, errors, onClose }: { fileName: string; errors: readonly DatasetError[]; onClose(): void }) {
  const located = errors.some((e) => e.row !== undefined || e.column !== undefined);
  return (
    <AlertDialog
      title="This CSV file cannot be used"
      description={
        <>
          “{fileName}” has {errors.length === 1 ? 'a problem' : `${errors.length} problems`}. Nothing was changed: the model and its data are as they were.
        </>
      }
      onClose={onClose}
      width={620}
    >
      <table className="bp-csv-errors" aria-label="Problems in the file">
        {located && (
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
        )}
        <tbody>
          {errors.map((e, i) => (
            <tr key={i} data-row={e.row} data-column={e.column}>
              {located && <td className="bp-csv-errors__line">{e.row ?? ''}</td>}
              {located && <td className="bp-csv-errors__column">{e.column ?? ''}</td>}
              <td>{csvErrorText(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="bp-csv-format">
        A CSV file needs a header row naming the columns, then one row per sample: numeric feature columns and a label column (the last, or the one chosen) holding class numbers 0, 1, 2, … or class names.
      </p>
    </AlertDialog>
  );
}

import type { DatasetError } from '../../runtime';
import { Dialog } from '../Dialog';

/** Where a CSV problem is: "line 3 · column “x2”", "line 3", "column “label”", or nothing. */
export function csvErrorPlace(e: DatasetError): string {
  const parts: string[] = [];
  if (e.row !== undefined) parts.push(`line ${e.row}`);
  if (e.column !== undefined) parts.push(`column “${e.column}”`);
  return parts.join(' · ');
}

/** Every problem the parser found in a CSV file, each with its line and column. Nothing was changed. */
export function CsvErrorsDialog({ fileName, errors, onClose }: { fileName: string; errors: readonly DatasetError[]; onClose(): void }) {
  return (
    <Dialog
      role="alertdialog"
      title="This CSV file cannot be used"
      description={
        <>
          “{fileName}” has {errors.length === 1 ? 'a problem' : `${errors.length} problems`}. Nothing was changed: the model and its data are as they were.
        </>
      }
      onClose={onClose}
      width={600}
      footer={
        <button type="button" className="bp-button bp-button--primary" onClick={onClose} data-autofocus>
          OK
        </button>
      }
    >
      <ul className="bp-problem-list" aria-label="Problems in the file">
        {errors.map((e, i) => {
          const place = csvErrorPlace(e);
          return (
            <li key={i} className="bp-problem" data-row={e.row} data-column={e.column}>
              {place && <code className="bp-problem__path">{place}</code>}
              <span className="bp-problem__message">{e.message}</span>
            </li>
          );
        })}
      </ul>
      <p className="bp-csv-format">
        Expected: a header row naming the columns, then one row per sample — numeric feature columns and a label column (the last, or the one you choose) holding class numbers 0, 1, 2, … or class names.
      </p>
    </Dialog>
  );
}

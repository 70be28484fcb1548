import type { DocumentProblem } from '../editor/io/document-text';
import { AlertDialog } from './Dialog';

/** The parser's problems with a file: each JSON path and what is wrong there. The graph is left as it was. */
export function ImportErrorsDialog({ source, errors, onClose }: { source: string; errors: readonly DocumentProblem[]; onClose(): void }) {
  return (
    <AlertDialog
      title="This model could not be opened"
      description={
        <>
          {source} has {errors.length === 1 ? 'a problem' : `${errors.length} problems`}. Your current graph was not changed.
        </>
      }
      onClose={onClose}
      width={600}
    >
      <ul className="bp-problem-list" aria-label="Problems">
        {errors.map((e, i) => (
          <li key={i} className="bp-problem">
            <code className="bp-problem__path">
              {e.path || '$'}
              {e.line !== undefined ? ` (line ${e.line}, column ${e.column})` : ''}
            </code>
            <span className="bp-problem__message">{e.message}</span>
          </li>
        ))}
      </ul>
    </AlertDialog>
  );
}

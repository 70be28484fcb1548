import { Panel } from '@xyflow/react';
import { useScreen } from '../screen/use-screen';
import { useEditor } from '../use-editor';

const STATUS_TEXT = { idle: '', saving: 'Saving…', saved: 'Saved in this browser', error: 'Not saved' } as const;

/** The model's name and whether it is saved, over the top-left corner of the canvas. */
export function DocumentTitle() {
  const name = useEditor((s) => s.doc.name);
  const status = useScreen((s) => s.saveStatus);
  return (
    <Panel position="top-left" className="bp-doc-title">
      <span className="bp-doc-title__name" title={name}>
        {name}
      </span>
      <span className={`bp-save-status bp-save-status--${status}`} data-testid="save-status" data-status={status} aria-live="polite">
        {STATUS_TEXT[status]}
      </span>
    </Panel>
  );
}

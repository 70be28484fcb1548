import './code-section.css';
import { nodeKind } from '../../model';
import { codeTrust } from '../../editor/custom/code-trust';
import { useScreen } from '../../editor/screen/use-screen';
import { useEditor } from '../../editor/use-editor';
import { useOptionalRun } from '../../editor/run/use-run';
import { useCodeTrusted } from './use-code-trusted';

/** A Custom node's code in the inspector: whether it runs, Edit code (the editor and its check), Run code. */
export function CodeSection({ nodeId }: { nodeId: string }) {
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const openDialog = useScreen((s) => s.openDialog);
  const carries = node ? nodeKind(node.type).code : undefined;
  const code = node?.code ?? carries?.defaultCode ?? '';
  const trusted = useCodeTrusted(code);
  // What the engine found building the layer from this code (only it runs code).
  const problem = useOptionalRun((s) => s.load?.diagnostics.find((d) => d.nodeId === nodeId && d.field === 'code')?.message ?? null, null);
  if (!node || !carries) return null;
  const lines = code.split('\n').length;
  return (
    <section className="bp-inspector__section bp-code-section" aria-label="Code">
      <h3 className="bp-inspector__section-title">Code</h3>
      <p className={`bp-code-section__status${trusted ? '' : ' is-held'}`}>
        {trusted ? `${lines} lines; runs in the engine worker.` : `${lines} lines, not run: it came with the document. Open it to read it first.`}
      </p>
      {problem && (
        <p className="bp-code-section__problem" role="alert">
          {problem}
        </p>
      )}
      <div className="bp-code-section__buttons">
        <button type="button" className="bp-button" onClick={() => openDialog({ kind: 'code', nodeId })}>
          Edit code
        </button>
        {!trusted && (
          <button type="button" className="bp-button bp-button--primary" onClick={() => codeTrust.trust([code])}>
            Run code
          </button>
        )}
      </div>
    </section>
  );
}

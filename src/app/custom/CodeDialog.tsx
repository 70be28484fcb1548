import './code-dialog.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CODE_TEMPLATES, nodeKind, nodeName } from '../../model';
import type { CodeReport } from '../../runtime';
import { codeTrust } from '../../editor/custom/code-trust';
import { useRunStore } from '../../editor/run/use-run';
import { useEditor, useEditorStore } from '../../editor/use-editor';
import { Dialog } from '../Dialog';
import { CodeEditor } from './CodeEditor';
import { CodeReportView } from './CodeReportView';
import { reportMarks } from './code-marks';
import { useCodeTrusted } from './use-code-trusted';

/** Typing pauses this long before the code is saved into the node and checked in the engine. */
const CHECK_DEBOUNCE_MS = 350;
/** Widths the code is checked with when the node is not connected yet. */
const UNCONNECTED_FEATURES = 3;

/**
 * A Custom node's code: CodeMirror on the left, the homework's check on the right, run in
 * the engine worker as the user types (debounced). Code that came with a document is shown
 * but neither checked nor run until the user chooses Run code; code the user types after
 * that (or from a template) is theirs, and trusted.
 */
export default function CodeDialog({ nodeId, onClose }: { nodeId: string; onClose(): void }) {
  const store = useEditorStore();
  const run = useRunStore();
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const inferredIn = useEditor((s) => s.pins.inFeatures[nodeId]);
  const params = (node?.params ?? {}) as Record<string, number | undefined>;
  const inFeatures = params.in_features ?? inferredIn ?? UNCONNECTED_FEATURES;
  const outFeatures = params.out_features ?? inFeatures;
  const initial = useMemo(() => node?.code ?? nodeKind('Custom').code!.defaultCode, [nodeId]); // eslint-disable-line react-hooks/exhaustive-deps
  const [text, setText] = useState(initial);
  const [replace, setReplace] = useState<{ text: string; token: number } | undefined>();
  const [report, setReport] = useState<{ code: string; report: CodeReport } | null>(null);
  const [checking, setChecking] = useState(false);
  const trusted = useCodeTrusted(text);
  const request = useRef(0);

  // Save the text into the node and check it, once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => {
      store.getState().setCode(nodeId, text);
      if (!codeTrust.isTrusted(text)) return;
      const token = ++request.current;
      setChecking(true);
      run
        .getState()
        .checkCode(text, inFeatures, outFeatures)
        .then(
          (r) => token === request.current && setReport({ code: text, report: r }),
          (e: unknown) =>
            token === request.current && setReport({ code: text, report: { ok: false, error: { message: e instanceof Error ? e.message : String(e), line: null, column: null } } }),
        )
        .finally(() => token === request.current && setChecking(false));
    }, CHECK_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, trusted, inFeatures, outFeatures, nodeId, store, run]);

  const onChange = (next: string) => {
    // Edits of code the user runs stay theirs to run; edits of code held back stay held.
    if (codeTrust.isTrusted(text)) codeTrust.trust([next]);
    setText(next);
  };

  const marks = useMemo(() => (report && report.code === text ? reportMarks(text, report.report) : []), [report, text]);
  if (!node) return null;
  const title = `Code of ${nodeName(node)}`;

  return (
    <Dialog
      title={title}
      width={1180}
      description={
        <>
          <code>forward(x)</code> gets the batch [N, {inFeatures}] and returns [N, {outFeatures}], keeping on <code>this</code> what backward needs;{' '}
          <code>backward(dout)</code> returns dL/dx and adds into each parameter’s <code>grad</code>. Checked as you type.
        </>
      }
      onClose={onClose}
      footer={
        <button type="button" className="bp-button bp-button--primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <div className="bp-code-dialog">
        {!trusted && (
          <div className="bp-code-held" role="alert">
            <p>
              This code came with a document or link and has not been run. Read it first: it runs in the engine worker, with no network or storage, under a time
              and memory budget.
            </p>
            <button type="button" className="bp-button bp-button--primary" onClick={() => codeTrust.trust([text])}>
              Run code
            </button>
          </div>
        )}
        <div className="bp-code-dialog__bar">
          <label>
            Start from{' '}
            <select
              aria-label="Start from a template"
              value=""
              onChange={(e) => {
                const t = CODE_TEMPLATES.find((x) => x.id === e.target.value);
                if (!t) return;
                setReplace({ text: t.code, token: Date.now() });
                codeTrust.trust([t.code]);
                setText(t.code);
              }}
            >
              <option value="">a template…</option>
              {CODE_TEMPLATES.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <span className="bp-code-dialog__api">
            Tensor: <code>map zip add sub mul div neg exp log tanh sigmoid where matmul T sum(axis) reshape clone addInPlace get set shape</code>; also{' '}
            <code>zeros ones full zerosLike randn tensor Math</code>; <code>this.param(name, init)</code> → <code>{'{ value, grad }'}</code>.
          </span>
        </div>
        <div className="bp-code-dialog__panes">
          <CodeEditor initial={initial} replace={replace} marks={marks} onChange={onChange} label={`${title} (JavaScript or TypeScript)`} />
          <CodeReportView report={report && report.code === text ? report.report : null} checking={checking} held={!trusted} />
        </div>
      </div>
    </Dialog>
  );
}

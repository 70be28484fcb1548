import { useState } from 'react';
import type { GradcheckReport, LayerGradcheck } from '../../runtime';
import { useRun, useRunStore } from '../../editor/run/use-run';
import { useScreenStore } from '../../editor/screen/use-screen';

/** The whole report as text: one block per layer, in the homework's format. */
export function gradcheckText(r: GradcheckReport): string {
  return r.layers.map((l) => `${l.nodeId}: ${l.title}\n${l.report}`).join('\n\n');
}

/** What part of a large layer was checked, in words (null when every entry was). */
export function sampled(l: LayerGradcheck): string | null {
  const parts = [l.result.input, ...l.result.params].filter((e) => e.checked < e.total);
  if (!parts.length && !l.samples) return null;
  const rows = l.samples ? `on the first ${l.samples.checked} of ${l.samples.total} samples` : '';
  const entries = parts.length ? `a random sample of ${parts[0].checked} entries per tensor` : '';
  return `Checked ${[entries, rows].filter(Boolean).join(', ')}.`;
}

/** "3.1e-9" */
function sci(v: number): string {
  return v.toExponential(1);
}

/**
 * The bottom panel's Gradient check tab: runs the check (every layer's backward against
 * central finite differences) and shows each layer's report in the homework's format
 * (`input    diff=…`, `param#01 diff=…`), with a Copy button.
 */
export function GradcheckTab() {
  const store = useRunStore();
  const screen = useScreenStore();
  const report = useRun((s) => s.gradcheck);
  const busy = useRun((s) => s.busy);
  const progress = useRun((s) => s.gradcheckProgress);
  const available = useRun((s) => s.ready && !!s.load?.ok && s.training.state !== 'running');
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(gradcheckText(report));
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (e) {
      screen.getState().notify(`Could not copy the report: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  return (
    <div className="bp-watch-tab" data-testid="gradcheck-tab">
      <div className="bp-watch-bar">
        <button type="button" className="bp-button bp-button--primary" disabled={!available || !!busy} onClick={() => void store.getState().runGradcheck()}>
          {busy === 'gradcheck' ? 'Checking…' : 'Check gradients'}
        </button>
        {busy === 'gradcheck' && (
          <>
            <progress className="bp-gc-progress" max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Gradient check progress" data-testid="gradcheck-progress" />
            <span className="bp-gc-progress__text">{progress ? `${progress.title}: ${Math.round((100 * progress.done) / Math.max(1, progress.total))}%` : 'Starting…'}</span>
            <button type="button" className="bp-button" onClick={() => store.getState().cancelGradcheck()}>
              Cancel
            </button>
          </>
        )}
        {report && (
          <>
            <span className={`bp-gc-verdict bp-gc-verdict--${report.passed ? 'pass' : 'fail'}`} data-testid="gradcheck-verdict">
              {report.passed ? '✓ Every layer passes' : '✗ Some layers fail'}: largest relative error {sci(report.maxRelError)} (threshold {sci(report.threshold)})
            </span>
            <button type="button" className="bp-button" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy report'}
            </button>
          </>
        )}
      </div>
      {report ? (
        <div className="bp-gc-grid">
          {report.layers.map((l) => {
            const ok = l.result.maxRelError < report.threshold;
            return (
              <section key={l.nodeId} className={`bp-gc-layer bp-gc-layer--${ok ? 'pass' : 'fail'}`} aria-label={`Gradient check of ${l.nodeId}`}>
                <h4>
                  <span aria-hidden="true">{ok ? '✓' : '✗'}</span> <code>{l.nodeId}</code> {l.title}
                  <span className="bp-gc-err">{sci(l.result.maxRelError)}</span>
                </h4>
                {sampled(l) && <p className="bp-gc-sample">{sampled(l)}</p>}
                <pre data-testid={`gradcheck-report-${l.nodeId}`}>{l.report}</pre>
              </section>
            );
          })}
        </div>
      ) : (
        <p className="bp-empty">
          Compares each layer's backward pass with central finite differences in float64 on the current batch, as the homework's tests compare with PyTorch's autograd. Every node
          gets a badge with its largest relative error.
        </p>
      )}
    </div>
  );
}

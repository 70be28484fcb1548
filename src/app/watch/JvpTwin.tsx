import { useEffect, useState } from 'react';
import type { JvpDirection, JvpReport, NodeBackward } from '../../runtime';
import { useRunStore } from '../../editor/run/use-run';
import { formatShape, formatValue, TensorHeatmap } from '../../viz';

/** Relative differences below this are float32 rounding: forward and reverse mode agree. */
const AGREE = 1e-4;

/**
 * Forward mode beside the backward step: the layer's Jacobian pushes a tangent v of its input
 * forward, J·v, where the backward pass pulled g back, gᵀJ. The two meet in one number,
 * ⟨g, J v⟩ = ⟨Jᵀg, v⟩, computed both ways. v is random (seeded, redrawn on request) or one
 * input entry the user chooses (then J·v is that entry's column of J).
 */
export function JvpTwin({ nodeId, backward, maxSide }: { nodeId: string; backward: NodeBackward; maxSide: number }) {
  const run = useRunStore();
  const shape = backward.dIn.shape;
  const cols = shape.length > 1 ? shape.slice(1).reduce((a, b) => a * b, 1) : 1;
  const rows = shape.length ? shape[0] : 1;
  const [kind, setKind] = useState<JvpDirection['kind']>('random');
  const [seed, setSeed] = useState(1);
  const [entry, setEntry] = useState({ row: 0, col: 0 });
  const row = Math.min(entry.row, rows - 1);
  const col = Math.min(entry.col, cols - 1);
  const direction: JvpDirection = kind === 'random' ? { kind, seed } : { kind, index: row * cols + col };
  const key = JSON.stringify(direction);
  const [result, setResult] = useState<{ report: JvpReport; key: string; backward: NodeBackward } | { error: string } | null>(null);

  useEffect(() => {
    let live = true;
    run
      .getState()
      .jvp(nodeId, JSON.parse(key) as JvpDirection)
      .then((report) => live && setResult({ report, key, backward }))
      .catch((e: unknown) => live && setResult({ error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [run, nodeId, key, backward]);

  const report = result && 'report' in result && result.backward === backward && result.report.nodeId === nodeId ? result.report : null;
  const agree = report ? report.relativeDifference < AGREE : false;
  return (
    <section className="bp-jvp" aria-label="Forward mode: J·v" data-testid="jvp-twin" data-gjv={report ? String(report.gJv) : ''} data-jtgv={report ? String(report.jtgV) : ''}>
      <p className="bp-watch-lead">
        <b>Forward mode</b> — the same J pushes a tangent v of the input forward: J·v, the change of the output when the input moves along v.
      </p>
      <div className="bp-jvp__controls" role="group" aria-label="Choice of v">
        <label>
          v is{' '}
          <select aria-label="Tangent v" value={kind} onChange={(e) => setKind(e.target.value as JvpDirection['kind'])}>
            <option value="random">random (seeded)</option>
            <option value="basis">one input entry</option>
          </select>
        </label>
        {kind === 'random' ? (
          <>
            <span className="bp-jvp__seed">seed {seed}</span>
            <button type="button" className="bp-button bp-button--small" onClick={() => setSeed((s) => s + 1)}>
              New v
            </button>
          </>
        ) : (
          <>
            <label>
              sample <input type="number" aria-label="Sample" min={0} max={rows - 1} value={row} onChange={(e) => setEntry({ row: clampInt(e.target.value, rows), col })} />
            </label>
            <label>
              unit <input type="number" aria-label="Unit" min={0} max={cols - 1} value={col} onChange={(e) => setEntry({ row, col: clampInt(e.target.value, cols) })} />
            </label>
          </>
        )}
      </div>
      {result && 'error' in result && <p className="bp-train-note bp-train-note--warning">{result.error}</p>}
      {report && (
        <>
          <div className="bp-watch-row">
            <TensorHeatmap tensor={report.v} title={`v ${formatShape(report.v.shape)}`} name={`v ${formatShape(report.v.shape)}`} maxWidth={maxSide} maxHeight={maxSide} />
            <span className="bpv-vjp-op" aria-hidden="true">
              ↦
            </span>
            {report.jv.shape.length === 0 ? (
              <figure className="bpv-card" style={{ margin: 0 }}>
                <figcaption className="bpv-title">J·v (a number: the loss is one)</figcaption>
                <div className="bpv-caption">
                  <b>{formatValue(report.jv.mean)}</b>
                </div>
              </figure>
            ) : (
              <TensorHeatmap tensor={report.jv} title={`J·v ${formatShape(report.jv.shape)}`} name={`J·v ${formatShape(report.jv.shape)}`} maxWidth={maxSide} maxHeight={maxSide} />
            )}
          </div>
          <table className="bp-jvp__identity" aria-label="Dot-product identity">
            <tbody>
              <tr>
                <th scope="row">⟨g, J v⟩</th>
                <td data-testid="jvp-forward">{report.gJv.toPrecision(9)}</td>
                <td className="bp-jvp__how">g from the backward pass, J·v from forward mode</td>
              </tr>
              <tr>
                <th scope="row">⟨Jᵀg, v⟩</th>
                <td data-testid="jvp-reverse">{report.jtgV.toPrecision(9)}</td>
                <td className="bp-jvp__how">gᵀJ = ∂L/∂in from the backward pass</td>
              </tr>
              <tr>
                <th scope="row">relative difference</th>
                <td data-testid="jvp-difference">{report.relativeDifference.toExponential(1)}</td>
                <td className={agree ? 'bp-jvp__ok' : 'bp-jvp__bad'}>{agree ? 'equal up to float32 rounding' : 'forward and reverse mode disagree'}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function clampInt(text: string, n: number): number {
  const v = Math.trunc(Number(text));
  return Number.isFinite(v) ? Math.max(0, Math.min(n - 1, v)) : 0;
}

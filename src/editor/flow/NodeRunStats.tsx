import { memo, useCallback, useDeferredValue } from 'react';
import { useShallow } from '../use-shallow';
import { isLossKind, nodeKind, type NodeType } from '../../model';
import { gradientStyle, Histogram, formatPercent, formatValue } from '../../viz';
import type { RunState } from '../run/run-data';
import { useRun } from '../run/use-run';
import { activePhase, gradcheckError, lossOnShow, nodeOutput, outputGradNorm, paramGradNorm } from '../run/views';
import { useFarZoom } from './far-zoom';

export interface NodeRunView {
  phase: 'forward' | 'backward' | null;
  output: ReturnType<typeof nodeOutput>;
  loss: number | null;
  gradOut: number | null;
  gradParams: number | null;
  check: number | null;
  /** The gradient check's pass threshold. */
  threshold: number;
}

/** The run figures of one node, as a few references and numbers (compared shallowly). */
export function selectNodeRun(s: RunState, id: string, isLoss: boolean): NodeRunView {
  return {
    phase: activePhase(s, id),
    output: isLoss ? null : nodeOutput(s, id),
    loss: isLoss ? lossOnShow(s, id) : null,
    gradOut: isLoss ? null : outputGradNorm(s, id),
    gradParams: paramGradNorm(s, id),
    check: gradcheckError(s, id),
    threshold: s.gradcheck?.threshold ?? 0,
  };
}

/** "1.2e−3" style for norms, which span many orders of magnitude. */
function norm(v: number): string {
  return formatValue(v);
}

/**
 * What a node shows once the engine has run: its output's mean ± std, range and
 * histogram (the share of zeros for sparse layers; the loss on the loss node), the
 * gradient flowing into it after a backward pass, and its gradient-check result.
 */
export const NodeRunStats = memo(function NodeRunStats({ id, type }: { id: string; type: NodeType }) {
  const isLoss = isLossKind(nodeKind(type));
  // Rendered in the background, in slices: a live update redraws every node's figures, and
  // that must not hold up a frame of a drag or a click.
  const v = useDeferredValue(useRun(useShallow(useCallback((s: RunState) => selectNodeRun(s, id, isLoss), [id, isLoss]))));
  const far = useFarZoom();
  return <RunFigures id={id} type={type} v={v} far={far} />;
});

const RunFigures = memo(function RunFigures({ id, type, v, far }: { id: string; type: NodeType; v: NodeRunView; far: boolean }) {
  const out = v.output;
  if (!out && v.loss === null && v.gradOut === null && v.gradParams === null && v.check === null) return null;
  if (far) {
    // Zoomed far out (a big graph): a strip in the colour of the gradient flowing in, or a check result.
    const g = v.gradOut ?? v.gradParams;
    const colour = v.check !== null ? (v.check < v.threshold ? 'var(--success)' : 'var(--error)') : g !== null ? gradientStyle(g).color : 'var(--border-strong)';
    return <div className="bp-node__far" style={{ background: colour }} data-testid={`node-run-${id}`} aria-hidden="true" />;
  }
  return (
    <div className="bp-node__run" data-testid={`node-run-${id}`}>
      {v.loss !== null && (
        <div className="bp-node__loss" data-testid={`node-loss-${id}`}>
          <span className="bp-node__k">loss</span> <b>{Number.isFinite(v.loss) ? v.loss.toFixed(4) : formatValue(v.loss)}</b>
        </div>
      )}
      {out && (
        <div className="bp-node__stats" data-testid={`node-stats-${id}`}>
          <div className="bp-node__stat-line">
            <span title="mean ± standard deviation of the output">
              {formatValue(out.mean)} ± {formatValue(out.std)}
            </span>
            {nodeKind(type).sparseOutput && (
              <span className="bp-node__zeros" title="share of outputs exactly zero">
                {formatPercent(out.zeros)} zeros
              </span>
            )}
          </div>
          <div className="bp-node__spark">
            <Histogram summary={out} size="compact" width={150} height={22} label={`Output of ${id}`} />
          </div>
          <div className="bp-node__range" title="smallest and largest output">
            <span>{formatValue(out.min)}</span>
            <span>{formatValue(out.max)}</span>
          </div>
        </div>
      )}
      {(v.gradOut !== null || v.gradParams !== null) && (
        <div className="bp-node__grads" data-testid={`node-grad-${id}`}>
          {v.gradOut !== null && <GradChip label="‖∂L/∂out‖" title="Norm of the gradient flowing into this node from the layer after it" value={v.gradOut} />}
          {v.gradParams !== null && v.gradParams > 0 && <GradChip label="‖∂L/∂θ‖" title="Norm of the gradient of this layer's parameters" value={v.gradParams} />}
        </div>
      )}
      {v.check !== null && <CheckBadge id={id} error={v.check} threshold={v.threshold} />}
    </div>
  );
});

function GradChip({ label, title, value }: { label: string; title: string; value: number }) {
  const st = gradientStyle(value);
  return (
    <span className="bp-node__grad" title={title}>
      <i className="bp-node__grad-swatch" style={{ background: st.color }} aria-hidden="true" />
      <span className="bp-node__k">{label}</span> {norm(value)}
    </span>
  );
}

function CheckBadge({ id, error, threshold }: { id: string; error: number; threshold: number }) {
  const ok = error < threshold;
  const text = `Gradient check: backprop's max relative error against finite differences is ${error.toExponential(1)} (${ok ? 'passes' : 'fails'}: the threshold is ${threshold.toExponential(0)})`;
  return (
    <div className={`bp-node__check bp-node__check--${ok ? 'pass' : 'fail'}`} data-testid={`gradcheck-badge-${id}`} data-pass={ok ? 'true' : 'false'} title={text} aria-label={text} role="img">
      <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {error.toExponential(1).replace('-', '−')}
    </div>
  );
}

import { memo } from 'react';
import { formatValue } from '../format';
import { flowStyle, LAYER_FACTOR, type GradientFlow } from './gradient-flow';
import '../viz.css';

/**
 * What the edges' strokes mean on the pass on show: width and strength run from its smallest
 * ‖∂L/∂x‖ to its largest (log scale), light dashes flow back from the loss at a rate that
 * follows the norm, and a tag marks where the norm vanishes or explodes (how it changes per
 * layer, not its size).
 */
export const GradientFlowLegend = memo(function GradientFlowLegend({ flow }: { flow: GradientFlow }) {
  const lo = 10 ** flow.domain[0];
  const hi = 10 ** flow.domain[1];
  const steps = [0, 0.5, 1];
  const gain = flow.gainPerLayer;
  const verdict = flow.verdict ? `${flow.verdict}: ×${gain!.toPrecision(2)} per layer with weights` : gain !== null ? `healthy: ×${gain.toPrecision(2)} per layer with weights` : '';
  const label = `Edges: ‖∂L/∂x‖ from ${formatValue(lo)} (thin, faint) to ${formatValue(hi)} (thick, strong) on a log scale; dashes flow back from the loss, faster for larger norms; tagged vanishing or exploding where the norm shrinks or grows more than ${LAYER_FACTOR}× per layer with weights. ${verdict}`;
  return (
    <div className="bpv bpv-flow-legend" role="img" aria-label={label} title={label} data-testid="gradient-legend" data-verdict={flow.verdict ?? 'healthy'}>
      <div className="bpv-legend-title">‖∂L/∂x‖ on edges</div>
      <svg width={96} height={26} aria-hidden="true">
        {steps.map((t, i) => {
          const s = flowStyle(t);
          return <line key={t} x1={4 + i * 32} x2={26 + i * 32} y1={8} y2={8} stroke={s.color} strokeWidth={s.width} strokeLinecap="round" />;
        })}
        <text x={4} y={24}>
          {formatValue(lo)}
        </text>
        <text x={92} y={24} textAnchor="end">
          {formatValue(hi)}
        </text>
      </svg>
      {verdict && <div className={`bpv-flow-legend__verdict bpv-flow-legend__verdict--${flow.verdict ?? 'healthy'}`}>{verdict}</div>}
    </div>
  );
});

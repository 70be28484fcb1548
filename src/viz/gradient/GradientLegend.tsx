import { memo } from 'react';
import { formatPow10 } from '../format';
import { GRADIENT_DOMAIN, gradientStyle } from './gradient-style';
import '../viz.css';

export interface GradientLegendProps {
  /** log10 domain, as for gradientStyle. */
  domain?: readonly [number, number];
  /** Reference norms to show (default 1e-8, 1e-6, 1e-3, 1, 10, 100). */
  norms?: readonly number[];
  title?: string;
}

const DEFAULT_NORMS = [1e-8, 1e-6, 1e-3, 1, 10, 100];

/** How edge width and colour encode the gradient norm: a few reference strokes with their norms. */
export const GradientLegend = memo(function GradientLegend({ domain = GRADIENT_DOMAIN, norms = DEFAULT_NORMS, title = '‖gradient‖ on edges' }: GradientLegendProps) {
  const seg = 40;
  const w = norms.length * seg;
  const label = `${title}: ${norms.map((n) => `${formatPow10(n)} ${Math.round(gradientStyle(n, domain).width * 10) / 10} px`).join(', ')}; thin faint blue is vanishing, thick red is exploding`;
  return (
    <div className="bpv bpv-legend">
      <div className="bpv-legend-title">{title}</div>
      <svg width={w} height={34} role="img" aria-label={label}>
        {norms.map((n, i) => {
          const s = gradientStyle(n, domain);
          return (
            <g key={n} transform={`translate(${i * seg},0)`}>
              <line x1={4} x2={seg - 6} y1={10} y2={10} stroke={s.color} strokeWidth={s.width} strokeLinecap="round" />
              <text x={(seg - 2) / 2} y={29} textAnchor="middle">
                {formatPow10(n)}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="bpv-caption" style={{ marginTop: 0, display: 'flex', justifyContent: 'space-between', width: w }}>
        <span>vanishing</span>
        <span>exploding</span>
      </div>
    </div>
  );
});

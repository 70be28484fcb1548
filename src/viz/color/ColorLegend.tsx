import { memo, useId } from 'react';
import { formatPow10, formatTick } from '../format';
import { NON_FINITE_RGB, rgbCss, type ColorScale } from './scales';
import '../viz.css';

export interface ColorLegendProps {
  scale: ColorScale;
  /** What the colours measure: "∂L/∂x", "non-zero fraction". */
  title?: string;
  /** Width of the bar in CSS px (default 160). */
  width?: number;
  ticks?: number;
  /** Adds a swatch for NaN / ±∞ cells. */
  showNonFinite?: boolean;
}

const STOPS = 24;
const BAR_H = 8;

/** A colour bar with ticks. Log scales with a zero gap get a separate "0" swatch in front. */
export const ColorLegend = memo(function ColorLegend({ scale, title, width = 160, ticks, showNonFinite }: ColorLegendProps) {
  const gid = useId();
  const zero = scale.type === 'log' && scale.zeroGap > 0;
  const swatch = zero ? 14 : 0;
  const x0 = swatch ? swatch + 16 : 0;
  const barW = Math.max(20, width - x0);
  const [lo] = scale.domain;
  // Positions of values along the bar, through the scale's own t (so log legends match the cells).
  const pos = (v: number) => {
    const t = scale.t(v);
    const u = zero ? (t - scale.zeroGap) / (1 - scale.zeroGap) : t;
    return x0 + Math.max(0, Math.min(1, u)) * barW;
  };
  const tickValues = scale.domain[0] === scale.domain[1] ? [lo] : scale.ticks(ticks ?? Math.max(2, Math.floor(barW / 42)));
  const fmt = scale.type === 'log' ? formatPow10 : formatTick;
  const from = zero ? scale.zeroGap : 0;
  const describe = `${title ? `${title}: ` : ''}colour scale from ${fmt(scale.domain[0])} to ${fmt(scale.domain[1])}${zero ? ', exact zeros in the darkest colour' : ''}`;
  const pad = 14;
  return (
    <div className="bpv bpv-legend">
      {title && <div className="bpv-legend-title">{title}</div>}
      <svg width={x0 + barW + pad * 2} height={BAR_H + 18} role="img" aria-label={describe} style={{ overflow: 'visible', marginLeft: -pad + 2 }}>
        <defs>
          <linearGradient id={gid}>
            {Array.from({ length: STOPS + 1 }, (_, i) => (
              <stop key={i} offset={`${(100 * i) / STOPS}%`} stopColor={scale.at(from + ((1 - from) * i) / STOPS)} />
            ))}
          </linearGradient>
        </defs>
        <g transform={`translate(${pad},0)`}>
          {zero && (
            <g>
              <rect width={swatch} height={BAR_H} fill={scale.at(0)} rx={1.5} />
              <rect width={swatch} height={BAR_H} className="bpv-legend-frame" rx={1.5} />
              <text x={swatch / 2} y={BAR_H + 12} textAnchor="middle">
                0
              </text>
            </g>
          )}
          <rect x={x0} width={barW} height={BAR_H} fill={`url(#${gid})`} rx={1.5} />
          <rect x={x0} width={barW} height={BAR_H} className="bpv-legend-frame" rx={1.5} />
          {tickValues.map((v) => (
            <g key={v} transform={`translate(${pos(v)},0)`}>
              <line className="bpv-legend-tick" y1={BAR_H} y2={BAR_H + 3} />
              <text y={BAR_H + 12} textAnchor="middle">
                {fmt(v)}
              </text>
            </g>
          ))}
          {showNonFinite && (
            <g transform={`translate(${x0 + barW + 10},0)`}>
              <rect width={BAR_H} height={BAR_H} fill={rgbCss(NON_FINITE_RGB)} rx={1.5} />
              <text x={BAR_H / 2} y={BAR_H + 12} textAnchor="middle">
                NaN
              </text>
            </g>
          )}
        </g>
      </svg>
    </div>
  );
});


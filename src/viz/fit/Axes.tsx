import type { ScaleLinear } from 'd3';
import { formatTick } from '../format';

/** Room around a fit plot for its ticks and axis labels, in CSS px. */
export const FIT_MARGIN = { left: 40, bottom: 30, top: 6, right: 8 };

interface AxesProps {
  sx: ScaleLinear<number, number>;
  sy: ScaleLinear<number, number>;
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  /** The plot's margins (the frame sits at their left and top). */
  margin?: typeof FIT_MARGIN;
  /** About one y tick per this many px of height. */
  yTickPx?: number;
}

/** Ticks and labels of a plot's two axes, drawn over its frame (SVG, no pointer events). */
export function Axes({ sx, sy, width, height, xLabel, yLabel, margin: M = FIT_MARGIN, yTickPx = 45 }: AxesProps) {
  const xt = sx.ticks(Math.max(2, Math.floor(width / 70)));
  const yt = sy.ticks(Math.max(2, Math.floor(height / yTickPx)));
  return (
    <svg className="bpv-axis" width={width + M.left} height={height + M.top + M.bottom} style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', overflow: 'visible' }} aria-hidden="true">
      <g transform={`translate(${M.left},${M.top})`}>
        {xt.map((v) => (
          <g key={`x${v}`} transform={`translate(${sx(v)},${height})`}>
            <line y1={1} y2={5} stroke="var(--bpv-muted)" />
            <text y={16} textAnchor="middle">{formatTick(v)}</text>
          </g>
        ))}
        {yt.map((v) => (
          <g key={`y${v}`} transform={`translate(0,${sy(v)})`}>
            <line x1={-5} x2={-1} stroke="var(--bpv-muted)" />
            <text x={-7} dy="0.32em" textAnchor="end">{formatTick(v)}</text>
          </g>
        ))}
        <text className="bpv-axis-label" x={width} y={height + 28} textAnchor="end">{xLabel} →</text>
        <text className="bpv-axis-label" transform={`translate(${-M.left + 9},0) rotate(-90)`} textAnchor="end">{yLabel} →</text>
      </g>
    </svg>
  );
}

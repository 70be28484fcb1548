import { format, scaleLinear, scaleLog } from 'd3';
import { memo } from 'react';
import { formatPow10, formatTick } from '../format';
import type { ChartView } from './view';

const stepFormat = format(',');
const stepShort = format('~s');

/** Step labels: 1,000 up to 9,999, then 10k, 2.5M. */
export function formatStep(s: number): string {
  return Math.abs(s) >= 1e4 ? stepShort(s) : stepFormat(s);
}

export interface AxesProps {
  view: ChartView;
  width: number;
  height: number;
  xLabel: string;
  yLabel?: string;
  formatY?: (v: number) => string;
}

/** Grid lines and tick labels of a chart's inner area (drawn in its coordinates). */
export const Axes = memo(function Axes({ view, width, height, xLabel, yLabel, formatY }: AxesProps) {
  const x = scaleLinear().domain([view.x0, view.x1]).range([0, width]);
  const xt = x.ticks(Math.max(2, Math.floor(width / 80)));
  let yt: number[];
  let y: (v: number) => number;
  let fy = formatY ?? formatTick;
  if (view.yType === 'log') {
    const s = scaleLog().domain([view.y0, view.y1]).range([height, 0]);
    const decades = Math.round(Math.log10(view.y1 / view.y0));
    const every = Math.max(1, Math.ceil(decades / Math.max(2, Math.floor(height / 28))));
    yt = [];
    for (let e = Math.round(Math.log10(view.y0)); e <= Math.round(Math.log10(view.y1)); e++) if (e % every === 0) yt.push(10 ** e);
    if (yt.length < 2) yt = s.ticks(3);
    y = s;
    fy = formatY ?? formatPow10;
  } else {
    const s = scaleLinear().domain([view.y0, view.y1]).range([height, 0]);
    yt = s.ticks(Math.max(2, Math.floor(height / 36)));
    y = s;
  }
  return (
    <g className="bpv-axis" aria-hidden="true">
      {yt.map((v) => (
        <g key={`y${v}`} transform={`translate(0,${Math.round(y(v)) + 0.5})`}>
          <line x2={width} className="bpv-gridline" />
          <text x={-6} dy="0.32em" textAnchor="end">
            {fy(v)}
          </text>
        </g>
      ))}
      {xt.map((v) => (
        <g key={`x${v}`} transform={`translate(${Math.round(x(v)) + 0.5},${height})`}>
          <line y2={4} stroke="var(--bpv-grid)" />
          <text y={15} textAnchor="middle">
            {formatStep(v)}
          </text>
        </g>
      ))}
      <line x1={0} x2={width} y1={height + 0.5} y2={height + 0.5} stroke="var(--bpv-grid)" />
      <text className="bpv-axis-label" x={width} y={height + 28} textAnchor="end">
        {xLabel} →
      </text>
      {yLabel && (
        <text className="bpv-axis-label" x={-6} y={-8} textAnchor="start" transform="translate(-34,0)">
          {yLabel}
        </text>
      )}
    </g>
  );
});

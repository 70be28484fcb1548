import { scaleLinear } from 'd3';
import { memo, useId, useMemo, useState, type PointerEvent } from 'react';
import type { TensorSummary } from '../../runtime';
import type { ColorScale } from '../color/scales';
import { formatCount, formatPercent, formatTick, formatValue } from '../format';
import { Tooltip } from '../ui/Tooltip';
import { histogramBins, histogramDomain } from './bins';
import '../viz.css';

export type HistogramStats = Pick<TensorSummary, 'histogram' | 'mean' | 'std' | 'zeros' | 'size' | 'nonFinite'>;

export interface HistogramProps {
  summary: HistogramStats;
  /** 'compact' (a sparkline with the zero share) or 'full' (axis, mean ± std, caption). */
  size?: 'compact' | 'full';
  width?: number;
  height?: number;
  /** Colours each bar by its centre value (pass the heatmap's scale to tie the two together). */
  scale?: ColorScale;
  /** What the values are, for the accessible name: "dL/d(out) of fc1". */
  label?: string;
}

/** The distribution of a tensor's values with its mean ± std and the share of exact zeros. */
export const Histogram = memo(function Histogram({ summary, size = 'full', width, height, scale, label }: HistogramProps) {
  const full = size === 'full';
  const W = width ?? (full ? 280 : 120);
  const H = height ?? (full ? 110 : 34);
  const m = full ? { top: 6, right: 8, bottom: 18, left: 8 } : { top: 2, right: 1, bottom: 2, left: 1 };
  const iw = Math.max(10, W - m.left - m.right);
  const ih = Math.max(8, H - m.top - m.bottom);
  const bins = useMemo(() => histogramBins(summary.histogram), [summary.histogram]);
  const [d0, d1] = histogramDomain(summary.histogram);
  const x = scaleLinear().domain([d0, d1]).range([0, iw]);
  const maxCount = bins.reduce((a, b) => Math.max(a, b.count), 0);
  const y = scaleLinear().domain([0, maxCount || 1]).range([ih, 0]);
  const constant = !(summary.histogram.hi > summary.histogram.lo);
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const tipId = useId();

  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left - m.left;
    const i = constant ? 0 : Math.floor((px / iw) * bins.length);
    if (i < 0 || i >= bins.length) return setHover(null);
    setHover({ i, x: e.clientX - r.left, y: e.clientY - r.top });
  };

  const mean = summary.mean;
  const std = summary.std;
  const zeros = summary.zeros;
  const name = `${label ? `${label}: ` : ''}histogram of ${formatCount(summary.size)} values from ${formatValue(summary.histogram.lo)} to ${formatValue(summary.histogram.hi)}, mean ${formatValue(mean)}, std ${formatValue(std)}${zeros > 0 ? `, ${formatPercent(zeros)} exact zeros` : ''}${summary.nonFinite ? `, ${formatCount(summary.nonFinite)} non-finite` : ''}`;
  const hb = hover ? bins[hover.i] : null;
  const bars = bins.map((b) => {
    const bx = constant ? iw / 2 - 3 : x(b.x0);
    const bw = constant ? 6 : Math.max(0.5, x(b.x1) - x(b.x0) - (iw / bins.length > 4 ? 1 : 0));
    const by = y(b.count);
    return b.count > 0 ? { x: bx, y: Math.min(by, ih - 1), w: bw, h: Math.max(1, ih - by) } : { x: bx, y: ih, w: bw, h: 0 };
  });
  const hoverBar = hover ? bars[hover.i] : null;
  const ticks = full ? x.ticks(Math.max(2, Math.floor(iw / 60))) : [];
  const inRange = (v: number) => v >= d0 && v <= d1;

  return (
    <div className="bpv bpv-histogram" style={{ width: W }}>
      <svg width={W} height={H} role="img" aria-label={name} aria-describedby={hb ? tipId : undefined} onPointerMove={onMove} onPointerLeave={() => setHover(null)} style={{ display: 'block', overflow: 'visible' }}>
        <g transform={`translate(${m.left},${m.top})`}>
          {full && std > 0 && inRange(mean) && (
            <rect x={x(Math.max(d0, mean - std))} width={Math.max(1, x(Math.min(d1, mean + std)) - x(Math.max(d0, mean - std)))} y={0} height={ih} fill="var(--bpv-muted)" opacity={0.1} />
          )}
          {scale ? (
            bars.map((r, i) => (
              <rect key={i} className="bpv-bar" x={r.x} y={r.y} width={r.w} height={r.h} fill={scale.color((bins[i].x0 + bins[i].x1) / 2)} stroke={r.h ? 'var(--bpv-grid)' : undefined} strokeWidth={0.5} opacity={hover && hover.i !== i ? 0.55 : 1} />
            ))
          ) : (
            // One colour: all bars are one path (a live update changes one element, not dozens), the hovered one drawn over it.
            <>
              <path className="bpv-bars" d={barsPath(bars)} fill="var(--bpv-accent)" opacity={hover ? 0.55 : 1} />
              {hoverBar && hoverBar.h > 0 && <rect x={hoverBar.x} y={hoverBar.y} width={hoverBar.w} height={hoverBar.h} fill="var(--bpv-accent)" />}
            </>
          )}
          {inRange(0) && d0 < 0 && <line x1={x(0)} x2={x(0)} y1={0} y2={ih} stroke="var(--bpv-muted)" strokeDasharray="2 2" strokeWidth={1} />}
          {inRange(mean) && <line x1={x(mean)} x2={x(mean)} y1={full ? 0 : ih * 0.1} y2={ih} stroke="var(--bpv-fg)" strokeWidth={1.5} />}
          {full && std > 0 && (
            <g stroke="var(--bpv-fg)" strokeWidth={1}>
              <line x1={x(Math.max(d0, mean - std))} x2={x(Math.min(d1, mean + std))} y1={3} y2={3} />
              {inRange(mean - std) && <line x1={x(mean - std)} x2={x(mean - std)} y1={0} y2={6} />}
              {inRange(mean + std) && <line x1={x(mean + std)} x2={x(mean + std)} y1={0} y2={6} />}
            </g>
          )}
          <line x1={0} x2={iw} y1={ih + 0.5} y2={ih + 0.5} className="bpv-gridline" />
          {full && (
            <g className="bpv-axis" transform={`translate(0,${ih})`}>
              {ticks.map((t) => (
                <text key={t} x={x(t)} y={13} textAnchor="middle">
                  {formatTick(t)}
                </text>
              ))}
            </g>
          )}
          {!full && zeros > 0 && (
            <text x={iw - 1} y={9} textAnchor="end" fontSize={9} fill="var(--bpv-muted)">
              {formatPercent(zeros)} zeros
            </text>
          )}
        </g>
      </svg>
      {full && (
        <div className="bpv-caption">
          mean <b>{formatValue(mean)}</b> ± <b>{formatValue(std)}</b> (std)
          {zeros > 0 && <> · {formatPercent(zeros)} exact zeros</>}
          {summary.nonFinite > 0 && <> · <span className="bpv-danger">{formatCount(summary.nonFinite)} non-finite</span></>}
        </div>
      )}
      {hb && hover && (
        <Tooltip id={tipId} x={hover.x} y={hover.y} bound={W}>
          <div>
            {constant ? formatValue(hb.x0) : `${formatValue(hb.x0)} to ${formatValue(hb.x1)}`}
          </div>
          <div>
            <b>{formatCount(hb.count)}</b> <span className="bpv-tip-key">values ({formatPercent(summary.size ? hb.count / summary.size : 0)})</span>
          </div>
        </Tooltip>
      )}
    </div>
  );
});

/** Bars as the subpaths of one path; empty bins draw nothing. */
function barsPath(bars: readonly { x: number; y: number; w: number; h: number }[]): string {
  let d = '';
  for (const b of bars) if (b.h > 0) d += `M${r2(b.x)},${r2(b.y)}h${r2(b.w)}v${r2(b.h)}h${r2(-b.w)}Z`;
  return d;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

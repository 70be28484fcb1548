import { memo, useId, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatValue } from '../format';
import { Tooltip } from '../ui/Tooltip';
import { formatStep } from './Axes';
import type { SeriesBuffer } from './series';
import { projector, type ChartView } from './view';

export interface CrosshairProps {
  series: readonly SeriesBuffer[];
  colors: readonly string[];
  view: ChartView;
  /** Inner plot area: offset and size inside the chart. */
  left: number;
  top: number;
  width: number;
  height: number;
  label: string;
  formatY?: (v: number) => string;
}

/**
 * The chart's interactive layer: a focusable area over the plot; the pointer (or the arrow keys,
 * point by point) picks a step, and the tip lists each series' value at its nearest point.
 */
export const Crosshair = memo(function Crosshair({ series, colors, view, left, top, width, height, label, formatY }: CrosshairProps) {
  const [hover, setHover] = useState<{ step: number; px: number; py: number } | null>(null);
  const tipId = useId();
  const p = projector(view, width, height);
  const fmt = formatY ?? formatValue;
  const longest = series.reduce<SeriesBuffer | null>((a, s) => (!a || s.length > a.length ? s : a), null);

  const pick = (step: number, py: number) => {
    if (!longest || !longest.length) return setHover(null);
    const i = longest.nearest(step);
    const s = longest.step(i);
    setHover({ step: s, px: p.x(s), py });
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    if (x < 0 || x > width) return setHover(null);
    pick(view.x0 + (x / width) * (view.x1 - view.x0), e.clientY - r.top);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!longest || !longest.length) return;
    const n = longest.length;
    const cur = hover ? longest.nearest(hover.step) : n - 1;
    const jump = e.shiftKey ? Math.max(1, Math.round(n / 20)) : 1;
    const next = e.key === 'ArrowLeft' ? cur - jump : e.key === 'ArrowRight' ? cur + jump : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : null;
    if (next === null) {
      if (e.key === 'Escape') setHover(null);
      return;
    }
    e.preventDefault();
    const i = Math.max(0, Math.min(n - 1, next));
    pick(longest.step(i), height / 3);
  };

  const rows = hover
    ? series.map((s, k) => {
        const i = s.nearest(hover.step);
        return { s, k, i, v: i >= 0 ? s.value(i) : NaN };
      })
    : [];

  return (
    <div
      className="bpv-plot"
      role="img"
      aria-label={label}
      aria-describedby={hover ? tipId : undefined}
      tabIndex={0}
      style={{ position: 'absolute', left, top, width, height }}
      onPointerMove={onPointerMove}
      onPointerLeave={() => setHover(null)}
      onFocus={(e) => e.target === e.currentTarget && longest?.length && pick(longest.step(longest.length - 1), height / 3)}
      onBlur={() => setHover(null)}
      onKeyDown={onKeyDown}
    >
      {hover && (
        <>
          <svg width={width} height={height} style={{ position: 'absolute', left: 0, top: 0, overflow: 'visible', pointerEvents: 'none' }} aria-hidden="true">
            <line className="bpv-crosshair" x1={hover.px} x2={hover.px} y1={0} y2={height} />
            {rows.map(({ s, k, i, v }) => {
              const y = p.y(v);
              return i >= 0 && y === y ? <circle key={s.id} cx={p.x(s.step(i))} cy={y} r={3.5} fill={colors[k]} stroke="var(--bpv-bg)" strokeWidth={1.5} /> : null;
            })}
          </svg>
          <Tooltip id={tipId} x={hover.px} y={Math.max(0, Math.min(height - 40, hover.py))} bound={width}>
            <div>
              <span className="bpv-tip-key">step </span>
              <b>{formatStep(hover.step)}</b>
            </div>
            {rows.map(({ s, k, i, v }) => (
              <div key={s.id} className="bpv-tip-row">
                <span className="bpv-tip-swatch" style={{ background: colors[k] }} />
                <span className="bpv-tip-key">{s.label}</span>
                <b style={{ marginLeft: 'auto', paddingLeft: 8 }}>{i >= 0 ? fmt(v) : '—'}</b>
              </div>
            ))}
          </Tooltip>
        </>
      )}
    </div>
  );
});

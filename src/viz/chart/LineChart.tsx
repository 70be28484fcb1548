import { schemeTableau10 } from 'd3';
import { memo, useEffect, useId, useRef, useState } from 'react';
import { formatValue } from '../format';
import { Segmented } from '../ui/Segmented';
import { useElementWidth } from '../ui/useElementWidth';
import { Axes } from './Axes';
import { Crosshair } from './Crosshair';
import { DecimatedPath } from './decimate';
import { cancelFrame, requestFrame } from './frame';
import type { SeriesBuffer } from './series';
import { chartView, projector, sameView, type ChartView, type YScaleType } from './view';
import '../viz.css';

export interface LineChartProps {
  /** Stable SeriesBuffer objects (see SeriesBuffer for the append contract). */
  series: readonly SeriesBuffer[];
  /** Heading and accessible name: "Loss". */
  title?: string;
  /** Total height in CSS px (default 220). */
  height?: number;
  /** Total width in CSS px; by default the container's width. */
  width?: number;
  /** The y-scale; the chart's own switch changes it unless `showScaleSwitch` is false. */
  yScale?: YScaleType;
  onYScaleChange?: (t: YScaleType) => void;
  showScaleSwitch?: boolean;
  /** A fixed y-domain (e.g. [0, 1] for accuracy); otherwise fitted to the data. */
  yDomain?: readonly [number, number];
  /** Values the fitted (linear) y-domain always spans, e.g. [0]. */
  yInclude?: readonly number[];
  xLabel?: string;
  formatY?: (v: number) => string;
  /** Colours for series without their own; default Tableau 10. */
  colors?: readonly string[];
  /** Called after each redraw with its duration and the vertices drawn (for measurements). */
  onDraw?: (info: DrawInfo) => void;
}

/** What one redraw did. */
export interface DrawInfo {
  /** Time spent in JavaScript computing and setting the paths. */
  ms: number;
  /** Path vertices drawn over all series. */
  vertices: number;
  /** Points held over all series. */
  points: number;
  /** Points read this frame (only the new ones, unless the domain changed). */
  fed: number;
  /** Series whose path was rebuilt from their first point (domain or size change, clear()). */
  rebuilt: number;
}

const M = { top: 10, right: 16, bottom: 34, left: 48 };
const SCALES = [
  { value: 'linear' as const, label: 'linear' },
  { value: 'log' as const, label: 'log' },
];

function sameSeries(a: LineChartProps, b: LineChartProps): boolean {
  for (const k of Object.keys(a) as (keyof LineChartProps)[]) {
    if (k === 'series' || k === 'yDomain' || k === 'colors' || k === 'yInclude') continue;
    if (a[k] !== b[k]) return false;
  }
  for (const k of Object.keys(b) as (keyof LineChartProps)[]) if (!(k in a)) return false;
  const same = <T,>(x?: readonly T[], y?: readonly T[]) => x === y || (!!x && !!y && x.length === y.length && x.every((v, i) => v === y[i]));
  return same(a.series, b.series) && same(a.yDomain, b.yDomain) && same(a.colors, b.colors) && same(a.yInclude, b.yInclude);
}

/**
 * Lines of growing series over training steps. New points never re-render it: it subscribes to
 * its SeriesBuffers, redraws at most once per animation frame from the points added since the
 * last frame (decimated to ≤ 4 vertices per pixel column), and re-renders its axes only when the
 * niced domain changes. Linear or log y, a legend with the latest values, a hover crosshair.
 */
export const LineChart = memo(function LineChart(props: LineChartProps) {
  const { series, title, height = 220, yDomain, xLabel = 'step', formatY, onYScaleChange, onDraw, showScaleSwitch = true } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(wrapRef, props.width ?? 480, props.width === undefined);
  const width = props.width ?? measured;
  const iw = Math.max(20, width - M.left - M.right);
  const ih = Math.max(20, height - M.top - M.bottom);
  const [yType, setYType] = useState<YScaleType>(props.yScale ?? 'linear');
  useEffect(() => {
    if (props.yScale) setYType(props.yScale);
  }, [props.yScale]);
  const colors = series.map((s, i) => s.options.color ?? (props.colors ?? schemeTableau10)[i % (props.colors ?? schemeTableau10).length]);

  const includeKey = (props.yInclude ?? []).join(',');
  const [view, setView] = useState<ChartView>(() => chartView(series, yType, yDomain, props.yInclude));
  const viewRef = useRef<ChartView | null>(view);
  const pathRefs = useRef<(SVGPathElement | null)[]>([]);
  const lastRefs = useRef<(HTMLElement | null)[]>([]);
  const emptyRef = useRef<SVGTextElement | null>(null);
  const fmt = formatY ?? formatValue;
  const fmtRef = useRef(fmt);
  fmtRef.current = fmt;
  const onDrawRef = useRef(onDraw);
  onDrawRef.current = onDraw;
  const y0 = yDomain?.[0];
  const y1 = yDomain?.[1];

  useEffect(() => {
    const domain = y0 !== undefined && y1 !== undefined ? ([y0, y1] as const) : undefined;
    const include = includeKey ? includeKey.split(',').map(Number) : [];
    const builders = series.map(() => ({ path: new DecimatedPath(), key: '', rev: -1 }));
    let raf = 0;
    const draw = () => {
      raf = 0;
      const t0 = performance.now();
      const v = chartView(series, yType, domain, include);
      if (!sameView(viewRef.current, v)) {
        viewRef.current = v;
        setView(v);
      }
      const p = projector(v, iw, ih);
      const key = `${v.x0}|${v.x1}|${v.y0}|${v.y1}|${v.yType}|${iw}|${ih}`;
      let vertices = 0;
      let points = 0;
      let fed = 0;
      let rebuilt = 0;
      series.forEach((s, i) => {
        const b = builders[i];
        if (b.key !== key || b.rev !== s.revision) {
          b.path.reset();
          b.key = key;
          b.rev = s.revision;
          rebuilt++;
        }
        const n = s.length;
        fed += n - b.path.fed;
        for (let k = b.path.fed; k < n; k++) b.path.add(p.x(s.step(k)), p.y(s.value(k)));
        pathRefs.current[i]?.setAttribute('d', b.path.path());
        const last = lastRefs.current[i];
        if (last) last.textContent = n ? fmtRef.current(s.value(n - 1)) : '';
        vertices += b.path.vertices;
        points += n;
      });
      if (emptyRef.current) emptyRef.current.style.display = v.empty ? '' : 'none';
      onDrawRef.current?.({ ms: performance.now() - t0, vertices, points, fed, rebuilt });
    };
    const schedule = () => {
      if (!raf) raf = requestFrame(draw);
    };
    const unsubscribe = series.map((s) => s.subscribe(schedule));
    draw();
    return () => {
      unsubscribe.forEach((u) => u());
      if (raf) cancelFrame(raf);
    };
  }, [series, yType, y0, y1, includeKey, iw, ih]);

  const clipId = useId();
  const names = series.map((s) => s.label).join(', ');
  const label = `${title ? `${title}: ` : ''}${names || 'no series'} by training step, ${yType} y-axis. Use the arrow keys to read values.`;
  const changeType = (t: YScaleType) => {
    setYType(t);
    onYScaleChange?.(t);
  };

  return (
    <div ref={wrapRef} className="bpv bpv-linechart" style={{ width: props.width ?? '100%' }}>
      <div className="bpv-toolbar" style={{ marginBottom: 2 }}>
        {title && <div className="bpv-title" style={{ margin: 0 }}>{title}</div>}
        <div className="bpv-keys" style={{ marginRight: 'auto', marginLeft: title ? 6 : 0 }}>
          {series.map((s, i) => s.options.faint ? null : (
            <span key={s.id} className="bpv-key">
              <span className="bpv-key-line" style={{ background: colors[i], opacity: s.options.dash ? 0.75 : 1 }} />
              {s.label}
              <b ref={(el) => void (lastRefs.current[i] = el)} style={{ color: 'var(--bpv-fg)', fontWeight: 600, fontVariantNumeric: 'tabular-nums' }} />
            </span>
          ))}
        </div>
        {showScaleSwitch && <Segmented label="Y-axis scale" value={yType} options={SCALES} onChange={changeType} />}
      </div>
      <div style={{ position: 'relative', width, height }}>
        <svg width={width} height={height} style={{ display: 'block', overflow: 'visible' }} aria-hidden="true">
          <defs>
            <clipPath id={clipId}>
              <rect x={-2} y={-2} width={iw + 4} height={ih + 4} />
            </clipPath>
          </defs>
          <g transform={`translate(${M.left},${M.top})`}>
            <Axes view={view} width={iw} height={ih} xLabel={xLabel} formatY={formatY} />
            <g clipPath={`url(#${clipId})`}>
              {series.map((s, i) => (
                <path key={s.id} ref={(el) => void (pathRefs.current[i] = el)} className={s.options.faint ? 'bpv-chart-faint' : 'bpv-chart-line'} stroke={colors[i]} strokeDasharray={s.options.dash} />
              ))}
            </g>
            <text ref={emptyRef} x={iw / 2} y={ih / 2} textAnchor="middle" fill="var(--bpv-muted)" fontSize={11} style={{ display: view.empty ? undefined : 'none' }}>
              No points yet
            </text>
          </g>
        </svg>
        <Crosshair series={series} colors={colors} view={view} left={M.left} top={M.top} width={iw} height={ih} label={label} formatY={formatY} />
      </div>
    </div>
  );
}, sameSeries);

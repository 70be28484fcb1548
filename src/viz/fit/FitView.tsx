import { line, scaleLinear } from 'd3';
import { memo, useEffect, useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { DatasetPoints, RegressionFit } from '../../runtime';
import { ColorLegend } from '../color/ColorLegend';
import { sequentialScale } from '../color/scales';
import { formatCount, formatTick, formatValue } from '../format';
import { drawPixels, pixelRatio, plotContext } from '../ui/canvas';
import { Tooltip } from '../ui/Tooltip';
import { useGridCursor } from '../ui/useGridCursor';
import { Axes, FIT_MARGIN as M } from './Axes';
import { fitLine, predictionAt, surfacePixels, valueExtent } from './geometry';
import '../viz.css';

export interface FitViewProps {
  /** The latest fit; null before training drew one (the data alone is shown). */
  fit: RegressionFit | null;
  /** The data, with its targets: training points filled, test points as rings. */
  points: DatasetPoints | null;
  featureNames?: readonly string[];
  targetName?: string;
  /** Width of the plot in CSS px (default 320). */
  size?: number;
}

const CURVE = '#e15759';
const POINT = '#4e79a7';

/**
 * A regression model's fit: for 1 input the prediction curve over the data points (input
 * across, target up), for 2 inputs the prediction as a colour surface over the plane with
 * the data points on top in their targets' colours.
 */
export const FitView = memo(function FitView(props: FitViewProps) {
  const features = props.points?.features ?? props.fit?.features ?? 0;
  return features === 1 ? <CurveFit {...props} /> : <SurfaceFit {...props} />;
});

function CurveFit({ fit, points, featureNames = ['x'], targetName = 'y', size = 320 }: FitViewProps) {
  const width = size;
  const height = Math.round(size * 0.62);
  const bounds = points?.bounds ?? fit?.bounds ?? { min: [-1], max: [1] };
  const [y0, y1] = useMemo(() => valueExtent(points, fit), [points, fit]);
  const sx = useMemo(() => scaleLinear().domain([bounds.min[0], bounds.max[0]]).range([0, width]), [bounds, width]);
  const sy = useMemo(() => scaleLinear().domain([y0, y1]).range([height, 0]), [y0, y1, height]);
  const dpr = pixelRatio();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const ctx = plotContext(c, width, height, dpr);
    if (!ctx) return;
    if (points?.targets) {
      const n = points.targets.length;
      const r = n > 1500 ? 2 : n > 600 ? 2.6 : 3.2;
      for (const test of [0, 1]) {
        for (let i = 0; i < n; i++) {
          if (points.isTest[i] !== test) continue;
          ctx.beginPath();
          ctx.arc(sx(points.x[i]), sy(points.targets[i]), r, 0, 2 * Math.PI);
          if (test) {
            ctx.fillStyle = 'rgba(255,255,255,0.9)';
            ctx.fill();
            ctx.lineWidth = 1.6;
            ctx.strokeStyle = POINT;
            ctx.stroke();
          } else {
            ctx.fillStyle = 'rgba(78,121,167,0.55)';
            ctx.fill();
          }
        }
      }
    }
    if (fit && fit.features === 1) {
      const xs = fitLine(fit);
      ctx.save();
      ctx.beginPath();
      ctx.rect(0, 0, width, height);
      ctx.clip();
      ctx.beginPath();
      line<number>()
        .x((i) => sx(xs[i]))
        .y((i) => sy(fit.prediction[i]))
        .context(ctx)(Array.from(xs.keys()));
      ctx.lineWidth = 2.4;
      ctx.strokeStyle = CURVE;
      ctx.stroke();
      ctx.restore();
    }
  }, [points, fit, sx, sy, width, height, dpr]);

  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  const onMove = (e: PointerEvent<HTMLElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    setHover(x >= 0 && x < width && y >= 0 && y < height ? { x, y } : null);
  };
  const tipId = useId();
  const at = hover ? sx.invert(hover.x) : NaN;
  const predicted = hover && fit ? predictionAt(fit, at) : NaN;
  const n = points?.targets?.length ?? 0;
  const nTest = points ? points.isTest.reduce((a, b) => a + b, 0) : 0;
  const label = `Fit${fit ? ` at step ${formatCount(fit.step)}` : ' (not computed yet)'}: the prediction of ${targetName} over ${featureNames[0]} from ${formatTick(bounds.min[0])} to ${formatTick(bounds.max[0])}, with ${formatCount(n - nTest)} training and ${formatCount(nTest)} test points.`;

  return (
    <figure className="bpv bpv-fit" style={{ margin: 0, display: 'inline-block' }} data-fit-kind="curve">
      <div style={{ position: 'relative', paddingLeft: M.left, paddingTop: M.top, paddingBottom: M.bottom, paddingRight: M.right }}>
        <div className="bpv-plot" role="img" aria-label={label} aria-describedby={hover ? tipId : undefined} tabIndex={0} style={{ width, height, background: 'var(--bpv-bg)', outline: '1px solid var(--bpv-grid)', position: 'relative' }} onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
          <canvas ref={ref} style={{ width, height, position: 'absolute', inset: 0 }} aria-hidden="true" />
          {hover && (
            <Tooltip id={tipId} x={hover.x} y={hover.y} bound={width}>
              <div>
                {featureNames[0]} {formatValue(at)}
              </div>
              {Number.isFinite(predicted) && (
                <div className="bpv-tip-row">
                  <span className="bpv-tip-key">predicted {targetName}</span> <b>{formatValue(predicted)}</b>
                </div>
              )}
            </Tooltip>
          )}
        </div>
        <Axes sx={sx} sy={sy} width={width} height={height} xLabel={featureNames[0]} yLabel={targetName} />
      </div>
      <figcaption className="bpv-keys" style={{ paddingLeft: M.left, maxWidth: width + M.left }}>
        <span className="bpv-key">
          <span className="bpv-key-line" style={{ background: CURVE, display: 'inline-block', width: 14, height: 3, borderRadius: 2 }} /> prediction
        </span>
        <span className="bpv-key">
          <span className="bpv-key-dot" style={{ background: POINT, opacity: 0.55 }} /> training
        </span>
        <span className="bpv-key">
          <span className="bpv-key-ring" style={{ color: POINT }} /> test
        </span>
        {fit && <span className="bpv-key bpv-muted">step {formatCount(fit.step)}</span>}
      </figcaption>
    </figure>
  );
}

function SurfaceFit({ fit, points, featureNames = ['x₁', 'x₂'], targetName = 'y', size = 320 }: FitViewProps) {
  const bounds = fit?.bounds ?? points?.bounds ?? { min: [-1, -1], max: [1, 1] };
  const [x0, y0] = bounds.min;
  const [x1, y1] = bounds.max;
  const aspect = Math.max(0.5, Math.min(2, (y1 - y0) / (x1 - x0 || 1)));
  const width = aspect <= 1 ? size : Math.round(size / aspect);
  const height = aspect <= 1 ? Math.round(size * aspect) : size;
  // Colours follow the data's targets, so the surface and the points are read on one scale.
  const extent = useMemo(() => valueExtent(points, null, 0), [points]);
  const scale = useMemo(() => sequentialScale({ domain: extent }), [extent]);
  const mapRef = useRef<HTMLCanvasElement>(null);
  const pixels = useMemo(() => (fit && fit.features === 2 ? surfacePixels(fit, scale) : null), [fit, scale]);
  useEffect(() => {
    if (pixels && fit) drawPixels(mapRef.current, pixels, fit.resolution, fit.resolution);
  }, [pixels, fit]);
  const sx = useMemo(() => scaleLinear().domain([x0, x1]).range([0, width]), [x0, x1, width]);
  const sy = useMemo(() => scaleLinear().domain([y0, y1]).range([height, 0]), [y0, y1, height]);
  const dpr = pixelRatio();
  const ptsRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ptsRef.current;
    if (!c || !points?.targets) return;
    const ctx = plotContext(c, width, height, dpr);
    if (!ctx) return;
    const n = points.targets.length;
    const r = n > 1500 ? 2.2 : n > 600 ? 2.8 : 3.4;
    for (let i = 0; i < n; i++) {
      ctx.beginPath();
      ctx.arc(sx(points.x[2 * i]), sy(points.x[2 * i + 1]), r, 0, 2 * Math.PI);
      ctx.fillStyle = scale.color(points.targets[i]);
      ctx.fill();
      ctx.lineWidth = points.isTest[i] ? 1.8 : 1;
      ctx.strokeStyle = points.isTest[i] ? '#111' : 'rgba(255,255,255,0.9)';
      ctx.stroke();
    }
  }, [points, scale, sx, sy, width, height, dpr]);

  const res = fit?.resolution ?? 50;
  const { cursor, handlers } = useGridCursor(res, res, width, height);
  const tipId = useId();
  let tip = null;
  if (cursor) {
    const px = x0 + ((cursor.c + cursor.fx) / res) * (x1 - x0);
    const py = y1 - ((cursor.r + cursor.fy) / res) * (y1 - y0);
    tip = (
      <Tooltip id={tipId} x={cursor.x} y={cursor.y} bound={width}>
        <div>
          {featureNames[0]} {formatValue(px)}, {featureNames[1]} {formatValue(py)}
        </div>
        {fit && (
          <div className="bpv-tip-row">
            <span className="bpv-tip-key">predicted {targetName}</span> <b>{formatValue(fit.prediction[cursor.r * res + cursor.c])}</b>
          </div>
        )}
      </Tooltip>
    );
  }
  const label = `Fit${fit ? ` at step ${formatCount(fit.step)}` : ' (not computed yet)'}: the prediction of ${targetName} as colour over ${featureNames[0]} from ${formatTick(x0)} to ${formatTick(x1)} and ${featureNames[1]} from ${formatTick(y0)} to ${formatTick(y1)}, the data points in their targets' colours.`;

  return (
    <figure className="bpv bpv-fit" style={{ margin: 0, display: 'inline-block' }} data-fit-kind="surface">
      <div style={{ position: 'relative', paddingLeft: M.left, paddingTop: M.top, paddingBottom: M.bottom, paddingRight: M.right }}>
        <div className="bpv-plot" role="img" aria-label={label} aria-describedby={tip ? tipId : undefined} tabIndex={0} style={{ width, height, background: 'var(--bpv-bg)', outline: '1px solid var(--bpv-grid)' }} {...handlers}>
          {fit && <canvas ref={mapRef} className="bpv-canvas-smooth" width={fit.resolution} height={fit.resolution} style={{ width, height, position: 'absolute', inset: 0 }} aria-hidden="true" />}
          <canvas ref={ptsRef} style={{ width, height, position: 'absolute', inset: 0 }} aria-hidden="true" />
          {tip}
        </div>
        <Axes sx={sx} sy={sy} width={width} height={height} xLabel={featureNames[0]} yLabel={featureNames[1]} />
      </div>
      <figcaption className="bpv-keys" style={{ paddingLeft: M.left, maxWidth: width + M.left }}>
        <ColorLegend scale={scale} title={fit ? `predicted ${targetName} (surface), ${targetName} (points)` : targetName} width={Math.min(220, width - 20)} />
        <span className="bpv-key">
          <span className="bpv-key-ring" style={{ color: '#111' }} /> test
        </span>
        {fit && <span className="bpv-key bpv-muted">step {formatCount(fit.step)}</span>}
      </figcaption>
    </figure>
  );
}

import { scaleLinear } from 'd3';
import { memo, useEffect, useId, useMemo, useRef } from 'react';
import type { DatasetPoints, DecisionBoundary } from '../../runtime';
import { classColors, classRgb } from '../color/categorical';
import { Axes } from '../fit/Axes';
import { formatCount, formatPercent, formatTick, formatValue } from '../format';
import { drawPixels, pixelRatio, plotContext } from '../ui/canvas';
import { Tooltip } from '../ui/Tooltip';
import { useGridCursor } from '../ui/useGridCursor';
import { boundaryPixels, pointPositions } from './pixels';
import '../viz.css';

export interface DecisionBoundaryViewProps {
  /** The latest boundary; the view redraws its map only when this object changes. */
  boundary: DecisionBoundary | null;
  points: DatasetPoints | null;
  /** Class names; default the points' classNames, else "class 0", "class 1", …. */
  classNames?: readonly string[];
  featureNames?: readonly [string, string];
  /** Number of classes; default the points' count, else one more than the largest prediction. */
  classes?: number;
  /** Longest side of the plot in CSS px (default 320). */
  size?: number;
}

const M = { left: 36, bottom: 30, top: 6, right: 8 };
const MAX_KEYS = 16;

/**
 * The model's predicted class over the input plane (colour per class, opacity by confidence) with
 * the data on top: training points filled, test points as rings, coloured by their true class.
 */
export const DecisionBoundaryView = memo(function DecisionBoundaryView({ boundary, points, featureNames = ['x₁', 'x₂'], size = 320, ...props }: DecisionBoundaryViewProps) {
  const bounds = boundary?.bounds ?? points?.bounds ?? { min: [-1, -1], max: [1, 1] };
  const [x0, y0] = bounds.min;
  const [x1, y1] = bounds.max;
  const aspect = Math.max(0.5, Math.min(2, (y1 - y0) / (x1 - x0 || 1)));
  const width = aspect <= 1 ? size : Math.round(size / aspect);
  const height = aspect <= 1 ? Math.round(size * aspect) : size;
  const k = useMemo(() => {
    if (props.classes) return props.classes;
    if (points) return points.classes;
    let m = 0;
    if (boundary) for (const c of boundary.classes) if (c > m) m = c;
    return m + 1;
  }, [props.classes, points, boundary]);
  const colors = useMemo(() => classColors(k), [k]);
  const names = props.classNames ?? points?.classNames ?? colors.map((_, i) => `class ${i}`);

  const mapRef = useRef<HTMLCanvasElement>(null);
  const pixels = useMemo(() => (boundary ? boundaryPixels(boundary, classRgb(colors)) : null), [boundary, colors]);
  useEffect(() => {
    if (pixels && boundary) drawPixels(mapRef.current, pixels, boundary.resolution, boundary.resolution);
  }, [pixels, boundary]);

  const dpr = pixelRatio();
  const ptsRef = useRef<HTMLCanvasElement>(null);
  const pos = useMemo(() => (points && points.features >= 2 ? pointPositions({ ...points, bounds: { min: [x0, y0], max: [x1, y1] } }, width, height) : null), [points, width, height, x0, x1, y0, y1]);
  useEffect(() => {
    const c = ptsRef.current;
    if (!c || !points || !pos) return;
    const ctx = plotContext(c, width, height, dpr);
    if (!ctx) return;
    const n = pos.px.length;
    const r = n > 1500 ? 2.2 : n > 600 ? 2.8 : 3.4;
    // Training points first, test rings on top so they stay visible.
    for (const test of [0, 1]) {
      for (let i = 0; i < n; i++) {
        if (points.isTest[i] !== test) continue;
        const col = colors[points.y[i]] ?? '#888';
        ctx.beginPath();
        ctx.arc(pos.px[i], pos.py[i], r, 0, 2 * Math.PI);
        if (test) {
          ctx.fillStyle = 'rgba(255,255,255,0.9)';
          ctx.fill();
          ctx.lineWidth = 1.8;
          ctx.strokeStyle = col;
          ctx.stroke();
        } else {
          ctx.fillStyle = col;
          ctx.fill();
          ctx.lineWidth = 1;
          ctx.strokeStyle = 'rgba(255,255,255,0.85)';
          ctx.stroke();
        }
      }
    }
  }, [points, pos, colors, width, height, dpr]);

  const res = boundary?.resolution ?? 50;
  const { cursor, handlers } = useGridCursor(res, res, width, height);
  const tipId = useId();
  const sx = scaleLinear().domain([x0, x1]).range([0, width]);
  const sy = scaleLinear().domain([y0, y1]).range([height, 0]);

  let tip = null;
  if (cursor) {
    const dx = x0 + ((cursor.c + cursor.fx) / res) * (x1 - x0);
    const dy = y1 - ((cursor.r + cursor.fy) / res) * (y1 - y0);
    const cell = cursor.r * res + cursor.c;
    const near = pos && points ? nearestPoint(pos, cursor.x, cursor.y, 8) : -1;
    tip = (
      <Tooltip id={tipId} x={cursor.x} y={cursor.y} bound={width}>
        <div>
          {featureNames[0]} {formatValue(dx)}, {featureNames[1]} {formatValue(dy)}
        </div>
        {boundary && (
          <div className="bpv-tip-row">
            <span className="bpv-key-dot" style={{ background: colors[boundary.classes[cell]] }} />
            <span className="bpv-tip-key">predicted</span> <b>{names[boundary.classes[cell]] ?? `class ${boundary.classes[cell]}`}</b>{' '}
            <span className="bpv-tip-key">({formatPercent(boundary.confidence[cell])})</span>
          </div>
        )}
        {near >= 0 && points && (
          <div className="bpv-tip-row">
            <span className={points.isTest[near] ? 'bpv-key-ring' : 'bpv-key-dot'} style={{ background: points.isTest[near] ? undefined : colors[points.y[near]], color: colors[points.y[near]] }} />
            <span className="bpv-tip-key">{points.isTest[near] ? 'test' : 'training'} point</span> <b>{names[points.y[near]] ?? `class ${points.y[near]}`}</b>
          </div>
        )}
      </Tooltip>
    );
  }

  const nTest = points ? points.isTest.reduce((a, b) => a + b, 0) : 0;
  const nTrain = points ? points.y.length - nTest : 0;
  const label = `Decision boundary${boundary ? ` at step ${formatCount(boundary.step)}` : ' (not computed yet)'} over ${featureNames[0]} from ${formatTick(x0)} to ${formatTick(x1)} and ${featureNames[1]} from ${formatTick(y0)} to ${formatTick(y1)}, ${k} classes${points ? `, with ${formatCount(nTrain)} training and ${formatCount(nTest)} test points` : ''}.`;

  return (
    <figure className="bpv bpv-boundary" style={{ margin: 0, display: 'inline-block' }}>
      <div style={{ position: 'relative', paddingLeft: M.left, paddingTop: M.top, paddingBottom: M.bottom, paddingRight: M.right }}>
        <div className="bpv-plot" role="img" aria-label={label} aria-describedby={tip ? tipId : undefined} tabIndex={0} style={{ width, height, background: 'var(--bpv-bg)', outline: '1px solid var(--bpv-grid)' }} {...handlers}>
          {boundary && <canvas ref={mapRef} className="bpv-canvas-smooth" width={boundary.resolution} height={boundary.resolution} style={{ width, height, position: 'absolute', inset: 0 }} aria-hidden="true" />}
          <canvas ref={ptsRef} className="bpv-canvas-smooth" style={{ width, height, position: 'absolute', inset: 0 }} aria-hidden="true" />
          {tip}
        </div>
        <Axes sx={sx} sy={sy} width={width} height={height} xLabel={featureNames[0]} yLabel={featureNames[1]} margin={M} yTickPx={50} />
      </div>
      <figcaption className="bpv-keys" style={{ paddingLeft: M.left, maxWidth: width + M.left }}>
        {k <= MAX_KEYS ? (
          names.slice(0, k).map((name, i) => (
            <span key={i} className="bpv-key">
              <span className="bpv-key-dot" style={{ background: colors[i] }} />
              {name}
            </span>
          ))
        ) : (
          <span className="bpv-key">{k} classes</span>
        )}
        {points && (
          <>
            <span className="bpv-key" style={{ marginLeft: 'auto' }}>
              <span className="bpv-key-dot" style={{ background: 'var(--bpv-muted)' }} /> training
            </span>
            <span className="bpv-key">
              <span className="bpv-key-ring" style={{ color: 'var(--bpv-muted)' }} /> test
            </span>
          </>
        )}
        {boundary && <span className="bpv-key bpv-muted">step {formatCount(boundary.step)}</span>}
      </figcaption>
    </figure>
  );
});

function nearestPoint(pos: { px: Float32Array; py: Float32Array }, x: number, y: number, within: number): number {
  let best = -1;
  let bd = within * within;
  for (let i = 0; i < pos.px.length; i++) {
    const d = (pos.px[i] - x) ** 2 + (pos.py[i] - y) ** 2;
    if (d <= bd) {
      bd = d;
      best = i;
    }
  }
  return best;
}

import { memo, useMemo, useState, type ReactNode } from 'react';
import type { JacobianStructure, JacobianWrt } from '../../runtime';
import { ColorLegend } from '../color/ColorLegend';
import { formatCount } from '../format';
import { Heatmap } from '../heatmap/Heatmap';
import { Segmented } from '../ui/Segmented';
import { blockAxis, type BlockAxis } from './axes';
import { jacobianFacts, splitJacobianShape } from './describe';
import { jacobianBox } from './JacobianThumbnail';
import { jacobianScale, type JacobianMetric } from './pixels';
import { tileDescriber } from './TileTooltip';
import '../viz.css';

export interface JacobianViewProps {
  jacobian: JacobianStructure;
  /** Controlled metric; without it the view keeps its own (starting at 'fraction'). */
  metric?: JacobianMetric;
  onMetricChange?: (m: JacobianMetric) => void;
  /** Renders the input / W / b switch (for a Linear layer); the parent fetches the new Jacobian. */
  onWrtChange?: (wrt: JacobianWrt) => void;
  /** Longest side of the tile heatmap in CSS px (default 360). */
  size?: number;
  title?: ReactNode;
}

const METRICS = [
  { value: 'fraction' as const, label: 'non-zero share', title: 'Colour = fraction of non-zero entries in each tile' },
  { value: 'maxAbs' as const, label: 'max |value|', title: 'Colour = largest |entry| in each tile' },
];
const WRTS = [
  { value: 'input' as const, label: '∂Y/∂X' },
  { value: 'w' as const, label: '∂Y/∂W' },
  { value: 'b' as const, label: '∂Y/∂b' },
];

const M = { left: 40, top: 4, bottom: 34 };

/**
 * The heatmap's CSS size: J's aspect (within 2.5 : 1), widened where that would leave fewer pixels
 * than tiles, so that every tile keeps at least a CSS pixel up to `size`.
 */
export function viewBox(j: Pick<JacobianStructure, 'rows' | 'cols' | 'tiles'>, size: number): { width: number; height: number } {
  const b = jacobianBox(j, size, 2.5);
  return { width: Math.max(b.width, Math.min(j.tiles.cols, size)), height: Math.max(b.height, Math.min(j.tiles.rows, size)) };
}

/** What the blocks of one side of J count: samples, or W's rows / b's entries. */
function sideName(dims: readonly number[], wrtSide: JacobianWrt | null, letter: string): string {
  if (wrtSide === 'w') return 'row k';
  if (wrtSide === 'b') return 'index k';
  return dims.length >= 1 ? `sample ${letter}` : 'index';
}

/**
 * The large view of a layer's Jacobian J = ∂out/∂wrt: its tile summary as a heatmap with axes in
 * sample blocks, the metric and w.r.t. switches, and the facts in words and numbers (shape,
 * entries, share of non-zeros, memory if materialised, the pattern). With `dense`, hovering
 * shows the exact entry under the pointer.
 */
export const JacobianView = memo(function JacobianView({ jacobian: j, onMetricChange, onWrtChange, size = 360, title, ...rest }: JacobianViewProps) {
  const [own, setOwn] = useState<JacobianMetric>('fraction');
  const metric = rest.metric ?? own;
  const setMetric = (m: JacobianMetric) => {
    setOwn(m);
    onMetricChange?.(m);
  };
  const t = j.tiles;
  const scale = useMemo(() => jacobianScale(t, metric), [t, metric]);
  const { out: outDims, wrt: wrtDims } = useMemo(() => splitJacobianShape(j), [j]);
  const sym = j.symbols;
  const box = viewBox(j, size);
  const yAxis = useMemo(() => blockAxis(t.rowEdges, outDims, Math.max(2, Math.floor(box.height / 22))), [t.rowEdges, outDims, box.height]);
  const xAxis = useMemo(() => blockAxis(t.colEdges, wrtDims, Math.max(2, Math.floor(box.width / 34))), [t.colEdges, wrtDims, box.width]);
  const facts = jacobianFacts(j);
  const yName = sideName(outDims, null, 'n');
  const xName = sideName(wrtDims, j.wrt === 'input' ? null : j.wrt, 'm');

  const describe = useMemo(() => tileDescriber(j), [j]);

  const label = `Jacobian ∂${sym.out}/∂${sym.wrt} of ${j.layer}, shape ${facts.shape}, drawn as ${t.rows} × ${t.cols} tiles coloured by ${metric === 'fraction' ? 'their share of non-zero entries' : 'their largest |entry|'}: ${facts.pattern}`;
  const cellRows = Math.round(j.rows / t.rows);
  const cellCols = Math.round(j.cols / t.cols);

  return (
    <section className="bpv bpv-jacobian" aria-label={`Jacobian of ${j.layer}`}>
      <div className="bpv-toolbar">
        <div className="bpv-title" style={{ margin: 0, marginRight: 'auto' }}>
          {title ?? (
            <>
              <span className="bpv-math">J = ∂{sym.out}/∂{sym.wrt}</span> <span className="bpv-muted" style={{ fontWeight: 400 }}>of {j.layer}</span>
            </>
          )}
        </div>
        {onWrtChange && <Segmented label="Differentiate with respect to" value={j.wrt} options={WRTS} onChange={onWrtChange} />}
        <Segmented label="Tile colour" value={metric} options={METRICS} onChange={setMetric} />
      </div>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ position: 'relative', paddingLeft: M.left, paddingTop: M.top, paddingBottom: M.bottom }}>
          <Heatmap data={metric === 'fraction' ? t.fraction : t.maxAbs} rows={t.rows} cols={t.cols} scale={scale} label={label} width={box.width} height={box.height} describe={describe} />
          <BlockGrid x={xAxis} y={yAxis} width={box.width} height={box.height} />
          <AxisY axis={yAxis} height={box.height} name={`${sym.out}: ${yName}`} />
          <AxisX axis={xAxis} width={box.width} height={box.height} name={`${sym.wrt}: ${xName}`} />
        </div>
        <div style={{ display: 'grid', gap: 10, alignContent: 'start', minWidth: 220, maxWidth: 470, flex: '1 1 260px' }}>
          <ColorLegend scale={scale} title={metric === 'fraction' ? 'non-zero share of a tile' : 'largest |entry| of a tile'} width={180} />
          <ul className="bpv-facts">
            <li>
              Shape <span className="bpv-math">{facts.shape}</span>, as a matrix {facts.matrix}
            </li>
            <li>
              <b>{facts.entries}</b>, {facts.nonZeroCount}: <b>{facts.nonZeroShare}</b>
            </li>
            <li>
              <b>{facts.memory}</b>
            </li>
            <li>{facts.pattern}</li>
            <li className="bpv-muted">
              Drawn as {t.rows} × {t.cols} tiles{cellRows * cellCols > 1 ? ` of about ${formatCount(cellRows)} × ${formatCount(cellCols)} entries` : ''}
              {j.dense ? '; hover for exact values' : ''}
            </li>
          </ul>
        </div>
      </div>
    </section>
  );
});

function BlockGrid({ x, y, width, height }: { x: BlockAxis; y: BlockAxis; width: number; height: number }) {
  // Block boundaries only where they are far enough apart to read as a grid, not a texture.
  const showX = x.boundaries.length > 0 && width / (x.boundaries.length + 1) >= 10;
  const showY = y.boundaries.length > 0 && height / (y.boundaries.length + 1) >= 10;
  if (!showX && !showY) return null;
  return (
    <svg width={width} height={height} style={{ position: 'absolute', left: M.left, top: M.top, pointerEvents: 'none' }} aria-hidden="true">
      {showX && x.boundaries.map((p) => <line key={`x${p}`} x1={p * width} x2={p * width} y1={0} y2={height} stroke="rgba(255,255,255,0.18)" />)}
      {showY && y.boundaries.map((p) => <line key={`y${p}`} y1={p * height} y2={p * height} x1={0} x2={width} stroke="rgba(255,255,255,0.18)" />)}
    </svg>
  );
}

function AxisY({ axis, height, name }: { axis: BlockAxis; height: number; name: string }) {
  return (
    <svg className="bpv-axis" width={M.left} height={height + M.top} style={{ position: 'absolute', left: 0, top: 0, overflow: 'visible' }} aria-hidden="true">
      <g transform={`translate(${M.left - 1},${M.top})`}>
        {axis.ticks.map((tk) => (
          <g key={tk.block} transform={`translate(0,${tk.pos * height})`}>
            <line x1={-4} x2={0} stroke="var(--bpv-muted)" />
            <text x={-6} dy="0.32em" textAnchor="end">
              {tk.block}
            </text>
          </g>
        ))}
      </g>
      <text className="bpv-axis-label" transform={`translate(9,${M.top + height / 2}) rotate(-90)`} textAnchor="middle">
        {name}
      </text>
    </svg>
  );
}

function AxisX({ axis, width, height, name }: { axis: BlockAxis; width: number; height: number; name: string }) {
  return (
    <svg className="bpv-axis" width={width} height={M.bottom} style={{ position: 'absolute', left: M.left, top: M.top + height, overflow: 'visible' }} aria-hidden="true">
      {axis.ticks.map((tk) => (
        <g key={tk.block} transform={`translate(${tk.pos * width},0)`}>
          <line y1={1} y2={5} stroke="var(--bpv-muted)" />
          <text y={15} textAnchor="middle">
            {tk.block}
          </text>
        </g>
      ))}
      <text className="bpv-axis-label" x={width / 2} y={30} textAnchor="middle">
        {name}
      </text>
    </svg>
  );
}

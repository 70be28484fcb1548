import { memo, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { formatValue } from '../format';
import { drawPixels, pixelRatio } from '../ui/canvas';
import { Tooltip } from '../ui/Tooltip';
import { useGridCursor } from '../ui/useGridCursor';
import { cellRange, fitHeatmap, rangeText } from './layout';
import { heatmapPixels, poolMaxAbs, resolveScale, type ScaleSpec } from './pixels';
import '../viz.css';

/** How the cells of one side of the matrix map back to the tensor's indices. */
export interface HeatmapAxis {
  /** What an index counts: "sample", "feature", "output unit". */
  name: string;
  /** Tensor indices per cell (a downsampled view's rowStep / colStep; default 1). */
  step?: number;
  /** Indices on this side of the tensor (default cells × step). */
  count?: number;
}

export interface HeatmapCell {
  /** The matrix cell under the pointer. */
  row: number;
  col: number;
  /** Where in that cell the pointer is, in [0, 1) (0.5 from the keyboard). */
  fx: number;
  fy: number;
  /** The drawn value: the cell's, or the largest-magnitude one of the block merged into its pixel. */
  value: number;
  /** Tensor index ranges the drawn value stands for, inclusive. */
  rows: [number, number];
  cols: [number, number];
}

export interface HeatmapProps {
  /** rows × cols values, row-major. */
  data: ArrayLike<number>;
  rows: number;
  cols: number;
  /** A ColorScale (share one to compare heatmaps), a value → RGB function, or 'diverging' / 'sequential' fitted to the data. */
  scale: ScaleSpec;
  /** The accessible name; says what the matrix is. */
  label: string;
  rowAxis?: HeatmapAxis;
  colAxis?: HeatmapAxis;
  /** Exact CSS size; otherwise fitted within maxWidth × maxHeight. */
  width?: number;
  height?: number;
  maxWidth?: number;
  maxHeight?: number;
  /** Prints the axis names and index extents beside the matrix. */
  showAxes?: boolean;
  /** Replaces the tooltip's text. */
  describe?: (cell: HeatmapCell) => ReactNode;
  onCellClick?: (cell: HeatmapCell) => void;
}

/**
 * A matrix drawn on a canvas with one pixel per cell (scaled up without smoothing). Hover or
 * focus and arrow keys show a cell's tensor indices and value.
 */
export const Heatmap = memo(function Heatmap(props: HeatmapProps) {
  const { data, rows, cols, scale, label, rowAxis, colAxis, showAxes, describe, onCellClick } = props;
  const dpr = pixelRatio();
  const fit = fitHeatmap(rows, cols, { maxWidth: props.width ?? props.maxWidth ?? 240, maxHeight: props.height ?? props.maxHeight ?? 240, dpr });
  const width = props.width ?? fit.width;
  const height = props.height ?? fit.height;
  const poolRows = props.height ? Math.max(1, Math.ceil(rows / (height * dpr))) : fit.poolRows;
  const poolCols = props.width ? Math.max(1, Math.ceil(cols / (width * dpr))) : fit.poolCols;

  const drawn = useMemo(() => {
    const m = poolRows > 1 || poolCols > 1 ? poolMaxAbs(data, rows, cols, poolRows, poolCols) : { rows, cols, data };
    const s = resolveScale(scale, data);
    return { ...m, pixels: heatmapPixels(m.data, m.rows, m.cols, s) };
  }, [data, rows, cols, scale, poolRows, poolCols]);

  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    drawPixels(canvasRef.current, drawn.pixels, drawn.cols, drawn.rows);
  }, [drawn]);

  const rStep = rowAxis?.step ?? 1;
  const cStep = colAxis?.step ?? 1;
  const rCount = rowAxis?.count ?? rows * rStep;
  const cCount = colAxis?.count ?? cols * cStep;
  const cellAt = (r: number, c: number, fx = 0.5, fy = 0.5): HeatmapCell => {
    const er = (r + fy) * poolRows;
    const ec = (c + fx) * poolCols;
    const row = Math.min(rows - 1, Math.floor(er));
    const col = Math.min(cols - 1, Math.floor(ec));
    return {
      row,
      col,
      fx: ec - Math.floor(ec),
      fy: er - Math.floor(er),
      value: drawn.data[r * drawn.cols + c],
      rows: cellRange(r, rStep * poolRows, rCount),
      cols: cellRange(c, cStep * poolCols, cCount),
    };
  };

  const { cursor, handlers } = useGridCursor(drawn.rows, drawn.cols, width, height, onCellClick ? (k) => onCellClick(cellAt(k.r, k.c, k.fx, k.fy)) : undefined);
  const tipId = useId();
  const cell = cursor ? cellAt(cursor.r, cursor.c, cursor.fx, cursor.fy) : null;
  const merged = rStep * poolRows > 1 || cStep * poolCols > 1;

  return (
    <div className="bpv bpv-heatmap" style={{ display: 'inline-grid', gridTemplateColumns: showAxes ? 'auto auto' : 'auto', gap: 3, width: 'fit-content', alignSelf: 'flex-start' }}>
      {showAxes && <AxisName vertical axis={rowAxis} count={rCount} length={height} />}
      <div
        className="bpv-plot"
        role="img"
        aria-label={label}
        aria-describedby={cell ? tipId : undefined}
        data-domain={typeof scale === 'object' ? scale.domain.join(',') : undefined}
        tabIndex={0}
        style={{ width, height, cursor: onCellClick ? 'pointer' : 'crosshair' }}
        {...handlers}
      >
        <canvas ref={canvasRef} className="bpv-canvas" width={drawn.cols} height={drawn.rows} style={{ width, height }} aria-hidden="true" />
        {cursor && (
          <div
            className="bpv-cursor"
            style={{
              left: (cursor.c / drawn.cols) * width,
              top: (cursor.r / drawn.rows) * height,
              width: Math.max(2, width / drawn.cols),
              height: Math.max(2, height / drawn.rows),
            }}
          />
        )}
        {cell && cursor && (
          <Tooltip id={tipId} x={cursor.x} y={cursor.y} bound={width}>
            {describe ? describe(cell) : (
              <>
                <div>
                  {rangeText(rowAxis?.name ?? 'row', cell.rows)}, {rangeText(colAxis?.name ?? 'column', cell.cols)}
                </div>
                <div>
                  <span className="bpv-tip-key">{merged ? 'largest |value| ' : 'value '}</span>
                  <b>{formatValue(cell.value)}</b>
                </div>
              </>
            )}
          </Tooltip>
        )}
      </div>
      {showAxes && <div />}
      {showAxes && <AxisName axis={colAxis} count={cCount} length={width} />}
    </div>
  );
});

function AxisName({ axis, count, length, vertical }: { axis?: HeatmapAxis; count: number; length: number; vertical?: boolean }) {
  const name = axis?.name ?? (vertical ? 'row' : 'column');
  const style = vertical
    ? ({ writingMode: 'vertical-rl', transform: 'rotate(180deg)', height: length, display: 'flex', justifyContent: 'space-between' } as const)
    : ({ width: length, display: 'flex', justifyContent: 'space-between' } as const);
  return (
    <div className="bpv-caption" style={{ ...style, marginTop: 0, fontSize: 10 }} aria-hidden="true">
      <span>{vertical ? count - 1 : 0}</span>
      <span>{vertical ? `← ${name}` : `${name} →`}</span>
      <span>{vertical ? 0 : count - 1}</span>
    </div>
  );
}

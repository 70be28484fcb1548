import { memo, useMemo, type ReactNode } from 'react';
import type { TensorView, TensorSummary } from '../../runtime';
import { divergingScale, jointMaxAbs, type ColorScale } from '../color/scales';
import { formatCount, formatPercent, formatShape, formatValue } from '../format';
import { Heatmap, type HeatmapCell } from '../heatmap/Heatmap';
import { fitHeatmap } from '../heatmap/layout';
import { pixelRatio } from '../ui/canvas';
import { isTensorView, tensorMatrix, valueStats, type ValueStats } from './matrix';
import '../viz.css';

export interface TensorHeatmapProps {
  tensor: TensorSummary | TensorView;
  /** Exact statistics for a downsampled view (a summary of the same tensor). */
  summary?: TensorSummary;
  /** Share one diverging scale between heatmaps; default: ±max|value| of this tensor. */
  scale?: ColorScale;
  /** Heading, e.g. "g = ∂L/∂out". */
  title?: ReactNode;
  /** Plain-text name for the accessible label (default: the title when it is text, else "tensor"). */
  name?: string;
  rowName?: string;
  colName?: string;
  maxWidth?: number;
  maxHeight?: number;
  showAxes?: boolean;
  /** Hides the statistics line. */
  hideCaption?: boolean;
  onCellClick?: (cell: HeatmapCell) => void;
}

/**
 * A tensor's values as a diverging heatmap (first dimension down, the rest across), with its
 * shape, range, mean ± std, share of exact zeros and count of non-finite values.
 */
export const TensorHeatmap = memo(function TensorHeatmap(props: TensorHeatmapProps) {
  const { tensor, summary, title, rowName = 'sample', colName = 'feature', onCellClick } = props;
  const m = useMemo(() => tensorMatrix(tensor), [tensor]);
  const stats: (ValueStats & { exact: boolean }) | null = useMemo(() => {
    if (!isTensorView(tensor)) return { ...tensor, exact: true };
    if (summary) return { ...summary, exact: true };
    const full = tensor.rowStep === 1 && tensor.colStep === 1;
    return { ...valueStats(tensor.data), exact: full };
  }, [tensor, summary]);
  const scale = useMemo(() => props.scale ?? divergingScale(jointMaxAbs([stats])), [props.scale, stats]);
  const fit = m ? fitHeatmap(m.rows, m.cols, { maxWidth: props.maxWidth ?? 240, maxHeight: props.maxHeight ?? 240, dpr: pixelRatio() }) : null;
  const name = props.name ?? (typeof title === 'string' ? title : 'tensor');
  const shape = formatShape(tensor.shape);
  const label = `${name} ${shape}: ${stats ? `values from ${formatValue(stats.min)} to ${formatValue(stats.max)}` : 'no values'}${m && (m.rowStep > 1 || m.colStep > 1) ? `, drawn ${m.rows} × ${m.cols} cells, each the largest-magnitude entry of its block` : ''}`;

  return (
    <figure className="bpv bpv-card bpv-tensor" style={{ margin: 0, maxWidth: Math.max(220, (fit?.width ?? 0) + (props.showAxes ? 24 : 0)) }}>
      {title && <figcaption className="bpv-title">{title}</figcaption>}
      {m ? (
        <Heatmap
          data={m.data}
          rows={m.rows}
          cols={m.cols}
          scale={scale}
          label={label}
          rowAxis={{ name: rowName, step: m.rowStep, count: m.rowCount }}
          colAxis={{ name: colName, step: m.colStep, count: m.colCount }}
          width={fit?.width}
          height={fit?.height}
          showAxes={props.showAxes}
          onCellClick={onCellClick}
        />
      ) : (
        <div className="bpv-caption">No values to draw.</div>
      )}
      {!props.hideCaption && stats && (
        <div className="bpv-caption">
          <b>{shape}</b>
          {stats.exact ? (
            <>
              {' '}· min {formatValue(stats.min)} · max {formatValue(stats.max)} · mean {formatValue(stats.mean)} · std {formatValue(stats.std)}
              {stats.zeros > 0 && <> · {formatPercent(stats.zeros)} exact zeros</>}
            </>
          ) : (
            <> · range of the drawn cells {formatValue(stats.min)} … {formatValue(stats.max)}</>
          )}
          {stats.nonFinite > 0 && (
            <>
              {' '}· <span className="bpv-danger">{formatCount(stats.nonFinite)} non-finite{stats.exact ? '' : ' among the drawn cells'}</span>
            </>
          )}
        </div>
      )}
    </figure>
  );
});

import type { ReactNode } from 'react';
import type { JacobianStructure } from '../../runtime';
import { formatCount, formatPercent, formatValue } from '../format';
import type { HeatmapCell } from '../heatmap/Heatmap';
import { indexRangeText, unravel } from './axes';
import { splitJacobianShape } from './describe';

/**
 * The tooltip of a Jacobian tile: the index ranges it covers, its non-zero share and max |entry|,
 * and with `dense` the exact entry under the pointer.
 */
export function tileDescriber(j: JacobianStructure): (cell: HeatmapCell) => ReactNode {
  const t = j.tiles;
  const { out: outDims, wrt: wrtDims } = splitJacobianShape(j);
  const sym = j.symbols;
  return function describeTile(cell) {
    const a = cell.row;
    const b = cell.col;
    const r0 = t.rowEdges[a], r1 = t.rowEdges[a + 1] - 1;
    const c0 = t.colEdges[b], c1 = t.colEdges[b + 1] - 1;
    const k = a * t.cols + b;
    let exact: ReactNode = null;
    if (j.dense) {
      const r = Math.min(r1, r0 + Math.floor(cell.fy * (r1 - r0 + 1)));
      const c = Math.min(c1, c0 + Math.floor(cell.fx * (c1 - c0 + 1)));
      exact = (
        <div>
          <span className="bpv-math">
            ∂{sym.out}[{unravel(r, outDims).join(', ')}]/∂{sym.wrt}[{unravel(c, wrtDims).join(', ')}]
          </span>{' '}
          = <b>{formatValue(j.dense[r * j.cols + c])}</b>
        </div>
      );
    }
    return (
      <>
        <div className="bpv-math">
          ∂{indexRangeText(sym.out, outDims, r0, r1)} / ∂{indexRangeText(sym.wrt, wrtDims, c0, c1)}
        </div>
        <div>
          <span className="bpv-tip-key">non-zero </span>
          <b>{formatPercent(t.fraction[k])}</b>
          <span className="bpv-tip-key"> of {formatCount((r1 - r0 + 1) * (c1 - c0 + 1))} · max |value| </span>
          <b>{formatValue(t.maxAbs[k])}</b>
        </div>
        {exact}
      </>
    );
  };
}

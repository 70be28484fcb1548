import { memo, useMemo, type ReactNode } from 'react';
import type { NodeBackward, ParamReport, JacobianStructure } from '../../runtime';
import { ColorLegend } from '../color/ColorLegend';
import { sharedDivergingScale, type ColorScale } from '../color/scales';
import { formatShape, formatValue } from '../format';
import { Heatmap } from '../heatmap/Heatmap';
import { dimsProduct, jacobianFacts, splitJacobianShape } from '../jacobian/describe';
import { jacobianBox } from '../jacobian/JacobianThumbnail';
import { jacobianScale, type JacobianMetric } from '../jacobian/pixels';
import { tileDescriber } from '../jacobian/TileTooltip';
import { TensorHeatmap } from '../tensor/TensorHeatmap';
import '../viz.css';

export interface VjpPanelProps {
  /** The node's backward report: g = dOut, gᵀJ = dIn, and its parameter gradients. */
  backward: NodeBackward;
  /** The node's Jacobian with respect to its input (null while it loads or for an unsupported layer). */
  jacobian: JacobianStructure | null;
  /** What J's tiles show (default 'fraction'). */
  metric?: JacobianMetric;
  /** Largest side of each heatmap in CSS px (default 200). */
  maxSide?: number;
  title?: ReactNode;
}

/**
 * The scale g, gᵀJ and the parameter gradients share: ±their joint max |value|, with colour
 * ∝ √|v| because parameter gradients sum over the batch and would otherwise leave g pale.
 */
export function vjpScale(b: NodeBackward): ColorScale {
  return sharedDivergingScale([b.dOut, b.dIn, ...b.params.map((p) => p.grad)], { exponent: 0.5 });
}

const PARAM_AXES: Record<string, { rowName: string; colName: string }> = {
  w: { rowName: 'output unit', colName: 'input feature' },
  b: { rowName: 'row', colName: 'output unit' },
};

/**
 * One backward step as a vector–Jacobian product: g = ∂L/∂out, the local Jacobian J = ∂out/∂in
 * (its tile structure) and gᵀJ = ∂L/∂in side by side, the parameter gradients below. g, gᵀJ and
 * the parameter gradients share one diverging scale so their magnitudes compare; J has its own.
 */
export const VjpPanel = memo(function VjpPanel({ backward: b, jacobian: j, metric = 'fraction', maxSide = 200, title }: VjpPanelProps) {
  const shared = useMemo(() => vjpScale(b), [b]);
  const jScale = useMemo(() => (j ? jacobianScale(j.tiles, metric) : null), [j, metric]);
  const describeTile = useMemo(() => (j ? tileDescriber(j) : null), [j]);
  const split = j ? splitJacobianShape(j) : null;
  const inShape = b.dIn.shape;
  const n = inShape[0] ?? 1;
  // The loss has no output gradient: its outputs are the per-sample losses ℓ [N], and L their mean.
  const isLoss = !b.dOut;
  const outShape = split?.out ?? b.dOut?.shape ?? [n];
  const out = isLoss ? 'ℓ' : 'out';
  const inp = isLoss ? 'x' : 'in';
  const jTitle = `J = ∂${out}/∂${inp} (${dimsProduct(outShape)} × ${dimsProduct(split?.wrt ?? inShape)})`;
  const box = j ? jacobianBox(j, maxSide) : null;

  return (
    <section className="bpv bpv-vjp" aria-label="Vector–Jacobian product of this backward step">
      {title && <div className="bpv-title">{title}</div>}
      <div className="bpv-vjp-row">
        {b.dOut ? (
          <TensorHeatmap tensor={b.dOut} scale={shared} title={<MathText>g = ∂L/∂out {formatShape(b.dOut.shape)}</MathText>} name={`g = dL/d(out) ${formatShape(b.dOut.shape)}`} maxWidth={maxSide} maxHeight={maxSide} />
        ) : (
          <figure className="bpv-card" style={{ margin: 0, maxWidth: 170 }}>
            <figcaption className="bpv-title">
              <MathText>g = ∂L/∂ℓ</MathText>
            </figcaption>
            <div className="bpv-caption">
              The loss L is the mean of the per-sample losses ℓ, so g = 1/N = <b>{formatValue(1 / n)}</b> for each of the N = {n} samples.
            </div>
          </figure>
        )}
        <span className="bpv-vjp-op" aria-hidden="true">
          ·
        </span>
        {j && jScale && box && describeTile ? (
          <figure className="bpv-card" style={{ margin: 0 }}>
            <figcaption className="bpv-title">
              <MathText>{jTitle}</MathText>
            </figcaption>
            <Heatmap
              data={metric === 'fraction' ? j.tiles.fraction : j.tiles.maxAbs}
              rows={j.tiles.rows}
              cols={j.tiles.cols}
              scale={jScale}
              width={box.width}
              height={box.height}
              label={`${jTitle}: ${j.pattern}, ${jacobianFacts(j).nonZeroShare}`}
              describe={describeTile}
            />
            <div className="bpv-caption">
              {j.pattern} · {jacobianFacts(j).nonZeroShare}
            </div>
          </figure>
        ) : (
          <figure className="bpv-card" style={{ margin: 0, maxWidth: 170 }}>
            <figcaption className="bpv-title">
              <MathText>{jTitle}</MathText>
            </figcaption>
            <div className="bpv-caption">No Jacobian structure for this layer.</div>
          </figure>
        )}
        <span className="bpv-vjp-op" aria-hidden="true">
          =
        </span>
        <TensorHeatmap tensor={b.dIn} scale={shared} title={<MathText>gᵀJ = ∂L/∂{inp} {formatShape(inShape)}</MathText>} name={`gᵀJ = dL/d(${inp}) ${formatShape(inShape)}`} maxWidth={maxSide} maxHeight={maxSide} />
        {/* Beside the product, not under it: in view at the output panel's default height (they wrap under it only when the panel is narrow). */}
        <div className="bpv-vjp-legends">
          <ColorLegend scale={shared} title="∂L/∂· shared by g, gᵀJ and the parameter gradients (√ scale)" width={220} showNonFinite={hasNonFinite(b)} />
          {jScale && <ColorLegend scale={jScale} title={metric === 'fraction' ? 'J: non-zero share of a tile' : 'J: largest |entry| of a tile'} width={180} />}
        </div>
      </div>
      {b.params.length > 0 && (
        <div className="bpv-vjp-row">
          {b.params.map((p) => (
            <ParamGrad key={p.name} p={p} scale={shared} maxSide={maxSide} />
          ))}
        </div>
      )}
    </section>
  );
});

function ParamGrad({ p, scale, maxSide }: { p: ParamReport; scale: ColorScale; maxSide: number }) {
  const sym = p.name === 'w' ? 'W' : p.name;
  const axes = PARAM_AXES[p.name] ?? { rowName: 'row', colName: 'column' };
  return (
    <TensorHeatmap
      tensor={p.grad}
      scale={scale}
      title={<MathText>∂L/∂{sym} {formatShape(p.grad.shape)}</MathText>}
      name={`dL/d${sym} ${formatShape(p.grad.shape)}`}
      rowName={axes.rowName}
      colName={axes.colName}
      maxWidth={maxSide * 1.5}
      maxHeight={maxSide}
    />
  );
}

function hasNonFinite(b: NodeBackward): boolean {
  return [b.dOut, b.dIn, ...b.params.map((p) => p.grad)].some((s) => !!s && s.nonFinite > 0);
}

function MathText({ children }: { children: ReactNode }) {
  return <span className="bpv-math">{children}</span>;
}

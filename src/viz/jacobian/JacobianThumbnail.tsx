import { memo, useEffect, useMemo, useRef } from 'react';
import type { JacobianStructure } from '../../runtime';
import { drawPixels, pixelRatio } from '../ui/canvas';
import { jacobianFacts } from './describe';
import { jacobianTilePixels, type JacobianMetric } from './pixels';
import '../viz.css';

export interface JacobianThumbnailProps {
  jacobian: JacobianStructure;
  /** 'fraction' (default): share of non-zeros per tile; 'maxAbs': largest |entry| per tile. */
  metric?: JacobianMetric;
  /** Longest side in CSS px (default 48). */
  size?: number;
  /** Zero tiles let the background through, so the non-zero structure stands out on either theme. */
  transparentZeros?: boolean;
  onClick?: () => void;
}

/** J's aspect (rows : cols), kept between 1 : limit and limit : 1. */
export function jacobianAspect(j: Pick<JacobianStructure, 'rows' | 'cols'>, limit = 4): number {
  const a = j.cols > 0 ? j.rows / j.cols : 1;
  return Math.max(1 / limit, Math.min(limit, a));
}

/** CSS width and height of a Jacobian drawn with its longest side `size`, its aspect kept within `limit`. */
export function jacobianBox(j: Pick<JacobianStructure, 'rows' | 'cols'>, size: number, limit = 4): { width: number; height: number } {
  const a = jacobianAspect(j, limit);
  return a >= 1 ? { width: Math.max(4, Math.round(size / a)), height: size } : { width: size, height: Math.max(4, Math.round(size * a)) };
}

/**
 * A small picture of J's structure for a node: one pixel per tile (tiles merged by their maximum
 * only when there are more tiles than device pixels), scaled up without smoothing.
 */
export const JacobianThumbnail = memo(function JacobianThumbnail({ jacobian, metric = 'fraction', size = 48, transparentZeros = false, onClick }: JacobianThumbnailProps) {
  // Thin matrices (an 8 × 30 sliver) keep a readable short side: the aspect is capped at 2.5 : 1.
  const box = jacobianBox(jacobian, size, transparentZeros ? 2.5 : 4);
  const dpr = pixelRatio();
  const maxSide = Math.max(1, Math.floor(Math.max(box.width, box.height) * dpr));
  const img = useMemo(() => {
    return jacobianTilePixels(jacobian.tiles, metric, maxSide, undefined, transparentZeros);
  }, [jacobian, metric, maxSide, transparentZeros]);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    drawPixels(ref.current, img.pixels, img.width, img.height);
  }, [img]);
  const f = jacobianFacts(jacobian);
  const label = `${jacobian.pattern} Jacobian of ${jacobian.layer} with respect to its ${jacobian.wrt}, shape ${f.shape}: ${f.nonZeroShare}. Click for the large view.`;
  const canvas = (
    <canvas ref={ref} className={`bpv-canvas${transparentZeros ? ' bpv-thumb__canvas' : ''}`} width={img.width} height={img.height} style={{ width: box.width, height: box.height }} aria-hidden="true" />
  );
  return onClick ? (
    <button type="button" className="bpv bpv-thumb" aria-label={label} title={label} onClick={onClick} style={{ padding: 0, border: 0, background: 'none', cursor: 'pointer', display: 'inline-block', lineHeight: 0 }}>
      {canvas}
    </button>
  ) : (
    <span className="bpv bpv-thumb" role="img" aria-label={label} title={label} style={{ display: 'inline-block', lineHeight: 0 }}>
      {canvas}
    </span>
  );
});

import { memo, useEffect, useMemo, useRef } from 'react';
import type { JacobianStructure } from '../../runtime/jacobian/types';
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
export const JacobianThumbnail = memo(function JacobianThumbnail({ jacobian, metric = 'fraction', size = 48, onClick }: JacobianThumbnailProps) {
  const box = jacobianBox(jacobian, size);
  const dpr = pixelRatio();
  const maxSide = Math.max(1, Math.floor(Math.max(box.width, box.height) * dpr));
  const img = useMemo(() => jacobianTilePixels(jacobian.tiles, metric, maxSide), [jacobian, metric, maxSide]);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    drawPixels(ref.current, img.pixels, img.width, img.height);
  }, [img]);
  const f = jacobianFacts(jacobian);
  const label = `Jacobian of ${jacobian.layer} with respect to ${jacobian.wrt}, shape ${f.shape}: ${jacobian.pattern}, ${f.nonZeroShare}`;
  const canvas = (
    <canvas ref={ref} className="bpv-canvas" width={img.width} height={img.height} style={{ width: box.width, height: box.height }} aria-hidden="true" />
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

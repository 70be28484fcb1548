import { interpolateHcl } from 'd3';
import type { GradNormPoint } from '../../runtime';
import { SeriesBuffer } from './series';

// Blue to orange through violet and pink at even, medium lightness: every layer's line reads on
// light and dark backgrounds alike (plasma's dark violet end vanishes on a dark one).
const layerRamp = interpolateHcl('#4a6cf7', '#f08c00');

/** Colours of n layers from the first (blue) to the last (orange) along one sequential ramp. */
export function layerColors(n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [layerRamp(1)];
  return Array.from({ length: n }, (_, i) => layerRamp(i / (n - 1)));
}

export interface GradNormLayer {
  /** Node id, as in GradNormPoint.norms. */
  id: string;
  title: string;
}

/**
 * One SeriesBuffer per layer of gradient norms over training steps, in layer order, coloured from
 * the first to the last layer. `append` takes the GradNormPoints of a TrainProgress message.
 */
export class GradNormSeries {
  readonly series: SeriesBuffer[];

  /**
   * @param layers the layers to follow, first to last (e.g. those with parameters)
   * @param kind 'params': ‖dL/dθ‖ of each layer's parameters; 'input': ‖dL/d(input)‖ of each layer
   */
  constructor(readonly layers: readonly GradNormLayer[], readonly kind: 'params' | 'input' = 'params') {
    const colors = layerColors(layers.length);
    this.series = layers.map((l, i) => new SeriesBuffer(l.id, l.title, { color: colors[i] }));
  }

  append(points: readonly GradNormPoint[]): void {
    if (!points.length) return;
    this.layers.forEach((l, i) => {
      const pts: { step: number; value: number }[] = [];
      for (const p of points) {
        const g = p.norms[l.id];
        if (g) pts.push({ step: p.step, value: g[this.kind] });
      }
      this.series[i].pushMany(pts);
    });
  }

  clear(): void {
    for (const s of this.series) s.clear();
  }
}

import { memo } from 'react';
import { LineChart, type LineChartProps } from './LineChart';
import type { SeriesBuffer } from './series';

export interface GradNormChartProps extends Omit<LineChartProps, 'series' | 'yScale'> {
  /** One series per layer, first to last (GradNormSeries.series); same append contract as LineChart. */
  series: readonly SeriesBuffer[];
  /** Default 'log': vanishing gradients fall by orders of magnitude towards the first layer. */
  yScale?: LineChartProps['yScale'];
}

/**
 * Per-layer gradient norms over training on a log axis, one line per layer coloured from the
 * first layer (blue) to the last (orange): a deep sigmoid network's lines fan out by orders of
 * magnitude, a ReLU network's stay together.
 */
export const GradNormChart = memo(function GradNormChart({ series, yScale = 'log', title = 'Gradient norm per layer', ...rest }: GradNormChartProps) {
  return <LineChart series={series} yScale={yScale} title={title} {...rest} />;
});

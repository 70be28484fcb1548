/**
 * Visualisations of tensors, Jacobians, backward steps, training curves and decision
 * boundaries: presentational React components fed by the runtime's reports, and the pure
 * colour, layout and pixel functions behind them.
 */
import './viz.css';

export { Heatmap, type HeatmapProps, type HeatmapAxis, type HeatmapCell } from './heatmap/Heatmap';
export { heatmapPixels, poolMaxAbs, resolveScale, maxAbsOf, type RgbFn, type ScaleSpec } from './heatmap/pixels';
export { fitHeatmap, type HeatmapLayout } from './heatmap/layout';

export {
  divergingScale,
  sharedDivergingScale,
  jointMaxAbs,
  sequentialScale,
  scaleRgb,
  NON_FINITE_RGB,
  type ColorScale,
  type Rgb,
  type SequentialOptions,
  type DivergingOptions,
} from './color/scales';
export { classColors } from './color/categorical';
export { ColorLegend, type ColorLegendProps } from './color/ColorLegend';

export { Histogram, type HistogramProps, type HistogramStats } from './histogram/Histogram';
export { TensorHeatmap, type TensorHeatmapProps } from './tensor/TensorHeatmap';
export { tensorMatrix, type TensorMatrix } from './tensor/matrix';

export { JacobianThumbnail, type JacobianThumbnailProps } from './jacobian/JacobianThumbnail';
export { JacobianView, type JacobianViewProps } from './jacobian/JacobianView';
export { jacobianTilePixels, jacobianScale, type JacobianMetric } from './jacobian/pixels';
export { jacobianFacts, patternText, type JacobianFacts } from './jacobian/describe';

export { VjpPanel, vjpScale, type VjpPanelProps } from './vjp/VjpPanel';

export { SeriesBuffer, type SeriesOptions } from './chart/series';
export { LineChart, type LineChartProps, type DrawInfo } from './chart/LineChart';
export { GradNormChart, type GradNormChartProps } from './chart/GradNormChart';
export { GradNormSeries, layerColors, type GradNormLayer } from './chart/gradnorm';
export type { YScaleType } from './chart/view';

export { DecisionBoundaryView, type DecisionBoundaryViewProps } from './boundary/DecisionBoundaryView';
export { boundaryPixels, confidenceAlpha } from './boundary/pixels';

export { gradientStyle, GRADIENT_DOMAIN, type GradientStyle } from './gradient/gradient-style';
export { GradientLegend, type GradientLegendProps } from './gradient/GradientLegend';

export { useElementWidth } from './ui/useElementWidth';
export { formatBytes, formatCount, formatShape, formatShapeTuple, formatValue, formatPercent, nonZeroText } from './format';
export { gradientFlow, flowPosition, flowStyle, LAYER_FACTOR, type GradientFlow, type GradientHealth, type FlowStyle } from './gradient/gradient-flow';
export { GradientFlowLegend } from './gradient/GradientFlowLegend';
export { Segmented, type SegmentedProps } from './ui/Segmented';

export { PixelImage, type PixelImageProps } from './digits/PixelImage';
export { ConfusionMatrix, type ConfusionMatrixProps } from './digits/ConfusionMatrix';
export { grayPixels, divergingPixels, saliencyPixels, maxAbs } from './digits/pixels';
export { FitView, type FitViewProps } from './fit/FitView';
export { surfacePixels, valueExtent, predictionAt } from './fit/geometry';

import { formatMagnitude, layerText } from './format';
import type { ConditionModule } from './types';

/**
 * A layer whose gradient explodes: its parameters' gradient norm ‖∂L/∂θ‖ passes M, or the
 * gradient flowing back grows more than k times through it (‖∂L/∂x‖ of its input over
 * ‖∂L/∂y‖ of its output: the step from one layer to the previous, as the canvas's edges
 * show it). k = 0 watches the norm alone.
 */
export const EXPLODING: ConditionModule = {
  kind: 'exploding',
  label: 'Exploding gradient',
  help: 'Pauses when the norm of a layer’s parameter gradient passes M, or the gradient flowing back grows more than k times through the layer (k = 0: not watched).',
  params: [
    { name: 'limit', label: 'Norm above (M)', default: 1000, min: 0, max: 1e30, exclusiveMin: true },
    { name: 'growth', label: 'Growth per layer above (k)', default: 10, min: 0, max: 1e30 },
  ],
  onByDefault: false,
  scope: 'layer',
  appliesTo: (_type, hasParams) => hasParams,
  menuLabel: (v) => `Pause when its gradient norm passes ${formatMagnitude(v.limit)}${v.growth > 0 ? ` or grows ${formatMagnitude(v.growth)}× through it` : ''}`,
  arm(values, layer) {
    const { limit, growth } = values;
    return {
      step(view) {
        const i = layer!;
        const l = view.layers[i];
        const norm = view.paramGradNorm(i);
        if (norm > limit && Number.isFinite(norm)) {
          return { nodeId: l.nodeId, message: `${layerText(l)}: gradient norm ${formatMagnitude(norm)} above ${formatMagnitude(limit)} at step ${view.step}.` };
        }
        if (growth > 0) {
          const after = view.outputGradNorm(i);
          const before = view.inputGradNorm(i);
          if (after !== undefined && after > 0 && Number.isFinite(before) && before / after > growth) {
            return {
              nodeId: l.nodeId,
              edgeId: l.inEdgeId,
              message: `${layerText(l)}: the gradient grew ${formatMagnitude(before / after)}× through it (‖∂L/∂y‖ ${formatMagnitude(after)} → ‖∂L/∂x‖ ${formatMagnitude(before)}; threshold ${formatMagnitude(growth)}×) at step ${view.step}.`,
            };
          }
        }
        return null;
      },
    };
  },
};

import { formatMagnitude, layerText } from './format';
import type { ConditionModule } from './types';

/**
 * A layer whose parameters' gradient norm ‖∂L/∂θ‖ falls below ε: its weights have all but
 * stopped moving (the deep sigmoid network's first layers). Layers without parameters are
 * not watched: nothing of theirs is trained.
 */
export const VANISHING: ConditionModule = {
  kind: 'vanishing',
  label: 'Vanishing gradient',
  help: 'Pauses when the norm of a layer’s parameter gradient ‖∂L/∂θ‖ falls below ε.',
  params: [{ name: 'epsilon', label: 'Norm below (ε)', default: 1e-6, min: 0, max: 1e6, exclusiveMin: true }],
  onByDefault: false,
  scope: 'layer',
  appliesTo: (_type, hasParams) => hasParams,
  menuLabel: (v) => `Pause when its gradient norm falls below ${formatMagnitude(v.epsilon)}`,
  arm(values, layer) {
    const epsilon = values.epsilon;
    return {
      step(view) {
        const norm = view.paramGradNorm(layer!);
        // Strictly below; a norm that is not a number is the non-finite condition's to report.
        if (!(norm < epsilon)) return null;
        const l = view.layers[layer!];
        return {
          nodeId: l.nodeId,
          message: `${layerText(l)}: gradient norm ${formatMagnitude(norm)} below ${formatMagnitude(epsilon)} at step ${view.step}.`,
        };
      },
    };
  },
};

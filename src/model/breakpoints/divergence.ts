import { DIVERGENCE_FACTOR, DivergenceDetector, describeDivergence, type GradientNorms } from './divergence-detector';
import { quoteText } from '../quote';
import type { ConditionModule, StepView } from './types';

/** Per layer with parameters, by node id: ‖∂L/∂θ‖ on this step. */
function paramNorms(view: StepView): GradientNorms {
  const out = new Map<string, number>();
  view.layers.forEach((l, i) => {
    if (l.params.length) out.set(l.nodeId, view.paramGradNorm(i));
  });
  return out;
}

/**
 * The loss rising past k times the lowest it reached (or no longer a number): the run has
 * come apart, whatever the optimizer. On by default. The DivergenceDetector keeps the
 * lowest and the gradient norms there, to name the layer whose gradient grew most.
 */
export const DIVERGENCE: ConditionModule = {
  kind: 'divergence',
  label: 'Divergence',
  help: 'Pauses when the loss rises past k times the lowest it reached (or stops being a number), naming the layer whose gradient grew most.',
  params: [{ name: 'factor', label: 'Loss over its lowest, above (k)', default: DIVERGENCE_FACTOR, min: 1, max: 1e30, exclusiveMin: true }],
  onByDefault: true,
  scope: 'model',
  arm(values) {
    const detector = new DivergenceDetector({ factor: values.factor });
    return {
      step(view) {
        const d = detector.observe(view.step, view.loss, () => paramNorms(view));
        if (!d) return null;
        const title = (id: string) => view.layers.find((l) => l.nodeId === id)?.title ?? 'the layer';
        const message = describeDivergence(d, (id) => `${title(id)} (${quoteText(id)})`);
        return { message, nodeId: d.grewMost?.id };
      },
    };
  },
};

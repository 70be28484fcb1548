import { countText, formatMagnitude, layerText } from './format';
import type { ConditionModule, LayerStepView, StepView, Values } from './types';

/** The first index holding NaN or ±Infinity, or -1. (x − x is 0 for every finite x and NaN otherwise.) */
export function firstNonFinite(a: Values): number {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return i;
  return -1;
}

function countNonFinite(a: Values): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) n++;
  return n;
}

/** What a parameter is called in a message: a Linear's `w` and `b` are its weight and bias. */
function paramWord(name: string): string {
  return name === 'w' ? 'weight' : name === 'b' ? 'bias' : `parameter ${name}`;
}

export interface NonFiniteFinding {
  layer: number;
  /** 'activation' (the layer's output), 'weight', 'bias', 'parameter …', or the gradient of one of them or of its input. */
  tensor: string;
  array: Values;
  index: number;
}

/**
 * Where a step first holds a value that is not a number, in the order the values were
 * made: going forward, each layer's parameters (left by the last update) then its output;
 * then going back from the loss, each layer's gradients. The first place is the culprit;
 * everything after it inherits the NaN.
 */
export function findNonFinite(view: StepView): NonFiniteFinding | null {
  const layers = view.layers;
  const at = (layer: number, tensor: string, array: Values | undefined): NonFiniteFinding | null => {
    if (!array) return null;
    const index = firstNonFinite(array);
    return index < 0 ? null : { layer, tensor, array, index };
  };
  for (let i = 0; i < layers.length; i++) {
    for (const p of layers[i].params) {
      const f = at(i, paramWord(p.name), p.value);
      if (f) return f;
    }
    const f = at(i, 'activation', layers[i].output);
    if (f) return f;
  }
  for (let i = layers.length - 1; i >= 0; i--) {
    const l: LayerStepView = layers[i];
    // Its output's gradient is the next layer's input gradient, already looked at.
    for (const p of l.params) {
      const g = at(i, `gradient of its ${paramWord(p.name)}`, p.grad);
      if (g) return g;
    }
    const h = at(i, 'gradient of its input', l.inputGrad);
    if (h) return h;
  }
  return null;
}

/**
 * A NaN or an infinity anywhere in the step: activations, gradients, weights, biases. On
 * by default; the message names the layer and the tensor where the first one appeared.
 */
export const NON_FINITE: ConditionModule = {
  kind: 'non-finite',
  label: 'Non-finite value',
  help: 'Pauses on the first NaN or infinity in any activation, gradient, weight or bias, naming the layer and the tensor where it appeared.',
  params: [],
  onByDefault: true,
  scope: 'model',
  arm() {
    return {
      step(view) {
        const f = findNonFinite(view);
        if (!f) return null;
        const l = view.layers[f.layer];
        const bad = countNonFinite(f.array);
        return {
          nodeId: l.nodeId,
          message: `${layerText(l)}: its ${f.tensor} holds ${formatMagnitude(f.array[f.index])} (${countText(bad)} of ${countText(f.array.length)} values not finite) at step ${view.step}; the loss is ${formatMagnitude(view.loss)}.`,
        };
      },
    };
  },
};

import { countText, idText, percentText } from './format';
import type { ConditionModule, LayerStepView } from './types';

/**
 * Units of a ReLU or LeakyReLU that output nothing positive for a whole batch: a ReLU's
 * output is 0 exactly where its pre-activation is ≤ 0, a LeakyReLU's is ≤ 0 there, so a
 * unit whose every output is ≤ 0 passes no gradient to the weights before it (ReLU) or
 * only the leak (LeakyReLU). A large share of them is a network that has stopped learning.
 */
export function deadUnits(l: LayerStepView): { dead: number; units: number } {
  const out = l.output;
  const units = l.units;
  if (!out || units <= 0) return { dead: 0, units };
  const rows = Math.floor(out.length / units);
  let dead = 0;
  for (let j = 0; j < units; j++) {
    let alive = false;
    for (let r = 0; r < rows && !alive; r++) alive = out[r * units + j] > 0;
    if (!alive) dead++;
  }
  return { dead, units };
}

export const DEAD_UNITS: ConditionModule = {
  kind: 'dead-units',
  label: 'Dead ReLUs',
  help: 'Pauses when the share of a ReLU or LeakyReLU layer’s units that output nothing positive for the whole batch rises above the threshold.',
  params: [{ name: 'threshold', label: 'Dead share above (%)', default: 0.5, min: 0, max: 1, percent: true }],
  onByDefault: false,
  scope: 'layer',
  appliesTo: (type) => type === 'ReLU' || type === 'LeakyReLU',
  menuLabel: (v) => `Pause when over ${percentText(v.threshold)} of its units are dead`,
  arm(values, layer) {
    const threshold = values.threshold;
    return {
      step(view) {
        const l = view.layers[layer!];
        const { dead, units } = deadUnits(l);
        // Strictly above: at exactly the threshold the condition does not hold.
        if (!units || dead / units <= threshold) return null;
        return {
          nodeId: l.nodeId,
          message: `${idText(l.previousNodeId)} → ${idText(l.nodeId)}: ${percentText(dead / units)} of ${countText(units)} units dead (threshold ${percentText(threshold)}) at step ${view.step}.`,
        };
      },
    };
  },
};

import type { EstimatorKindSetting, EstimatorSettings } from '../../model';

/** The estimator menu: what each one is, and what one step costs for a model of P parameters. */
export interface EstimatorChoice {
  kind: EstimatorKindSetting;
  label: string;
  description: string;
}

export const ESTIMATORS: readonly EstimatorChoice[] = [
  { kind: 'backprop', label: 'Backpropagation', description: 'One forward and one backward pass give every parameter’s exact gradient.' },
  { kind: 'forward-mode', label: 'Forward mode (exact)', description: 'One forward-mode pass (JVP) per parameter: the exact gradient, one component at a time.' },
  { kind: 'forward-gradient', label: 'Forward gradient', description: 'One JVP along a random direction v gives ∇L·v; the step follows (∇L·v)·v, right on average.' },
  { kind: 'finite-differences', label: 'Finite differences', description: 'Nudges each parameter up and down: two forward passes per parameter.' },
  { kind: 'spsa', label: 'SPSA', description: 'Nudges every parameter at once by ±c: two forward passes, whatever the size of the model.' },
];

export function estimatorChoice(kind: EstimatorKindSetting): EstimatorChoice {
  return ESTIMATORS.find((e) => e.kind === kind)!;
}

const N = new Intl.NumberFormat('en-US');

/**
 * One step's passes for a model of `params` parameters, as the engine counts them (a JVP
 * counts as one forward pass, a backward pass as two): the formula and its value.
 */
export function stepCostText(s: EstimatorSettings, params: number): string {
  const P = N.format(params);
  switch (s.kind) {
    case 'backprop':
      return '1 forward + 1 backward pass ≈ 3 forward passes per step, whatever the number of parameters.';
    case 'forward-mode':
      return `1 forward + P = ${P} JVPs = ${N.format(1 + params)} forward-pass equivalents per step.`;
    case 'forward-gradient':
      return `1 forward + ${s.tangents} JVP${s.tangents === 1 ? '' : 's'} = ${N.format(1 + s.tangents)} forward-pass equivalents per step.`;
    case 'finite-differences':
      return `2P + 1 = ${N.format(2 * params + 1)} forward passes per step (P = ${P}).`;
    case 'spsa':
      return `2 × ${s.samples} = ${N.format(2 * s.samples)} forward passes per step.`;
  }
}

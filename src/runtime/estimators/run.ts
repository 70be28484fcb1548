import type { Layer, Param, Tensor } from '../../engine';
import { CostMeter } from './cost-meter';
import type { Estimate, EstimatorKind } from './types';

const NAMES: Record<EstimatorKind, string> = {
  backprop: 'Backprop',
  'forward-mode': 'Forward mode',
  'forward-gradient': 'Forward gradient',
  'finite-differences': 'Finite differences',
  spsa: 'SPSA',
};

export function estimatorName(kind: EstimatorKind): string {
  return NAMES[kind];
}

/** The loss of a model's output: refuses a model that does not end in a loss. */
export function lossOf(kind: EstimatorKind, out: Tensor): number {
  if (out.size !== 1 || out.shape.length > 1) {
    throw new Error(`${NAMES[kind]}: expected the model to end in a loss (a scalar output), got an output of shape [${out.shape.join(', ')}]`);
  }
  return out.data[0];
}

/** Runs one estimate's body with its cost counted and timed. */
export function measured(model: Layer, body: () => { loss: number; exactLoss?: boolean }): Estimate {
  const meter = new CostMeter(model);
  const t0 = performance.now();
  meter.attach();
  let r: { loss: number; exactLoss?: boolean };
  try {
    r = body();
  } finally {
    meter.detach();
  }
  const ms = performance.now() - t0;
  return { loss: r.loss, exactLoss: r.exactLoss ?? true, cost: { ...meter.passes(), ms } };
}

/** Float64 accumulators, one per parameter. */
export function zerosLike(params: readonly Param[]): Float64Array[] {
  return params.map((p) => new Float64Array(p.value.size));
}

/** Writes `values` (scaled) into each parameter's grad, overwriting it. */
export function writeGrads(params: readonly Param[], values: readonly Float64Array[], scale = 1): void {
  params.forEach((p, i) => {
    const g = p.grad.data;
    const v = values[i];
    for (let j = 0; j < g.length; j++) g[j] = v[j] * scale;
  });
}

import { describe, expect, it } from 'vitest';
import { exampleSetup } from './compare/fixtures';
import { TrainingRun } from './trainer';
import type { EstimatorSettings } from '../model';

function train(file: string, estimator: EstimatorSettings['kind'], steps: number, options: Partial<EstimatorSettings> = {}) {
  const s = exampleSetup(file);
  const settings = { ...s.settings, estimator: { ...s.settings.estimator, ...options, kind: estimator } };
  const run = new TrainingRun(s.model, s.plan, s.split.train, settings, s.doc.seed);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = run.runStep();
    if ('hit' in r) throw new Error(r.hit.message);
    losses.push(r.loss);
  }
  return { run, losses, values: s.model.params().map((p) => Array.from(p.value.data)) };
}

describe('TrainingRun with a gradient estimator', () => {
  it('backprop is the default: the run has no estimator of its own', () => {
    expect(train('spiral.json', 'backprop', 1).run.estimator).toBeNull();
  });

  it('forward mode (exact) trains as backprop does, dropout masks included', () => {
    const a = train('dropout-mlp.json', 'backprop', 4);
    const b = train('dropout-mlp.json', 'forward-mode', 4);
    expect(b.run.estimator?.kind).toBe('forward-mode');
    expect(b.losses).toEqual(a.losses);
    // float32 JVPs against float32 backprop, through four Adam steps.
    b.values.forEach((v, i) => v.forEach((w, j) => expect(w).toBeCloseTo(a.values[i][j], 4)));
  });

  it('the forward gradient takes other steps than backprop, reproducibly, and brings the loss down', () => {
    const a = train('spiral.json', 'forward-gradient', 300, { tangents: 4 });
    const b = train('spiral.json', 'forward-gradient', 300, { tangents: 4 });
    const c = train('spiral.json', 'backprop', 300);
    expect(b.values).toEqual(a.values);
    expect(a.values).not.toEqual(c.values);
    const mean = (l: number[]) => l.reduce((s, v) => s + v, 0) / l.length;
    expect(mean(a.losses.slice(-50))).toBeLessThan(mean(a.losses.slice(0, 50)) - 0.05);
  });
});

import { describe, expect, it } from 'vitest';
import { Tensor } from '../../engine';
import { cosineSimilarity, createEstimator, gradientsOf } from '../estimators';
import { shuffledBatches } from './batches';
import { exampleSetup } from './fixtures';
import { forwardGradientWalk } from './forward-gradient-walk';

describe('forwardGradientWalk', () => {
  it('gives ∇L·v by the JVP, equal to backprop’s gradient dotted with v, and the estimate the ForwardGradient estimator takes for the same seed', () => {
    const s = exampleSetup('dropout-mlp.json');
    const { x, y } = shuffledBatches(s.split.train, s.settings.batch_size, 1)();
    const before = s.model.params().map((p) => Array.from(p.value.data));
    const w = forwardGradientWalk(s.model, s.plan, x, y as Int32Array, 9);
    expect(w.layers.map((l) => l.nodeId)).toEqual(s.plan.layers.map((l) => l.nodeId));
    expect(w.params).toBe(s.plan.totalParams);
    expect(Math.abs(w.directional - w.directionalByBackprop)).toBeLessThan(1e-4 * Math.max(1, Math.abs(w.directional)));
    // The loss's tangent is the scalar; layers without parameters pass the tangent on, adding nothing.
    expect(w.layers.at(-1)!.tangentNorm).toBeCloseTo(Math.abs(w.directional), 6);
    for (const l of w.layers) if (!s.plan.layers.find((p) => p.nodeId === l.nodeId)!.paramCount) expect(l.paramTangentNorm).toBe(0);

    const copy = s.model.clone();
    const e = createEstimator({ kind: 'forward-gradient', seed: 9 });
    e.estimate(copy, x, y);
    const g = gradientsOf(copy);
    const gNorm = Math.sqrt(g.reduce((acc, a) => acc + a.reduce((t, v) => t + v * v, 0), 0));
    expect(gNorm).toBeCloseTo(w.estimateNorm, 4);
    const truth = s.model.clone();
    truth.zeroGrad();
    truth.forward(x, y);
    truth.backward();
    expect(w.cosine).toBeCloseTo(cosineSimilarity(g, gradientsOf(truth)), 4);
    expect(w.cosine).toBeGreaterThanOrEqual(0);
    // Nothing of the model changed.
    expect(s.model.params().map((p) => Array.from(p.value.data))).toEqual(before);
  });

  it('refuses a model without a loss', () => {
    const s = exampleSetup('spiral.json');
    expect(() => forwardGradientWalk(s.model, { ...s.plan, lossNodeId: null }, Tensor.zeros([1, 2]), new Int32Array(1), 1)).toThrow(/needs a loss/);
  });
});

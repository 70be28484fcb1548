/** What every estimator shares: the factory, the mask invariant, errors, and agreement with backprop. */
import { describe, expect, it } from 'vitest';
import { MLP, Tensor, createRng } from '../../engine';
import { classifier, dropoutStates, reference, snapshotValues } from './fixtures';
import { ESTIMATOR_KINDS, createEstimator, cosineSimilarity, estimatorName, gradientsOf, type EstimatorSpec } from './index';

const specs: EstimatorSpec[] = [
  { kind: 'backprop' },
  { kind: 'forward-mode' },
  { kind: 'forward-gradient', tangents: 4, seed: 1 },
  { kind: 'finite-differences' },
  { kind: 'spsa', samples: 2, seed: 1 },
];

describe('estimators', () => {
  it('createEstimator builds each kind with its options', () => {
    expect(specs.map((s) => createEstimator(s).kind)).toEqual([...ESTIMATOR_KINDS]);
    expect((createEstimator({ kind: 'forward-gradient', tangents: 7 }) as unknown as { tangents: number }).tangents).toBe(7);
    expect(() => createEstimator({ kind: 'adjoint' } as unknown as EstimatorSpec)).toThrow(
      'createEstimator: expected kind to be one of backprop, forward-mode, forward-gradient, finite-differences, spsa, got "adjoint"',
    );
    expect(ESTIMATOR_KINDS.map(estimatorName)).toEqual(['Backprop', 'Forward mode', 'Forward gradient', 'Finite differences', 'SPSA']);
  });

  it('every estimator: one set of dropout masks per step, parameters unchanged, an estimate pointing downhill', () => {
    const p = classifier({ hidden: [5, 5], dropout: 0.3, activation: 'tanh' });
    const ref = reference(p);
    const before = snapshotValues(p.model);
    for (const spec of specs) {
      const model = p.model.clone();
      const e = createEstimator(spec).estimate(model, p.x, p.y);
      expect(dropoutStates(model), spec.kind).toEqual(ref.rngStates);
      expect(snapshotValues(model), spec.kind).toEqual(before);
      expect(Number.isFinite(e.loss), spec.kind).toBe(true);
      if (e.exactLoss) expect(e.loss, spec.kind).toBe(ref.loss);
      const cos = cosineSimilarity(gradientsOf(model), ref.grads);
      const exact = spec.kind === 'backprop' || spec.kind === 'forward-mode' || spec.kind === 'finite-differences';
      expect(cos, spec.kind).toBeGreaterThan(exact ? 0.999999 : -1);
    }
  });

  it('every estimator refuses a model that does not end in a loss, naming itself', () => {
    const mlp = new MLP(3, 2, [4], { rng: createRng(1) });
    for (const spec of specs) {
      expect(() => createEstimator(spec).estimate(mlp, Tensor.zeros([5, 3])), spec.kind).toThrow(
        `${estimatorName(spec.kind)}: expected the model to end in a loss (a scalar output), got an output of shape [5, 2]`,
      );
    }
  });
});

import { describe, expect, it } from 'vitest';
import { MLP, Tensor, createRng } from '../../engine';
import { Backprop } from './backprop';
import { classifier, reference } from './fixtures';
import { gradientsOf } from './similarity';

describe('Backprop', () => {
  it('writes the exact gradient (forward + backward), overwriting stale gradients, and returns the loss', () => {
    const p = classifier({ dropout: 0.3 });
    const ref = reference(p);
    for (const q of p.model.params()) q.grad.data.fill(123);
    const e = new Backprop().estimate(p.model, p.x, p.y);
    expect(e.loss).toBe(ref.loss);
    expect(e.exactLoss).toBe(true);
    expect(gradientsOf(p.model)).toEqual(ref.grads);
  });

  it('costs one forward and one backward pass: 3 forward-pass equivalents', () => {
    const p = classifier({ hidden: [5, 5] });
    const { cost } = new Backprop().estimate(p.model, p.x, p.y);
    expect(cost).toMatchObject({ forwardPasses: 1, jvpPasses: 0, backwardPasses: 1, forwardEquivalents: 3 });
    expect(cost.ms).toBeGreaterThanOrEqual(0);
  });

  it('refuses a model that does not end in a loss', () => {
    const mlp = new MLP(3, 2, [4], { rng: createRng(1) });
    expect(() => new Backprop().estimate(mlp, Tensor.zeros([5, 3]))).toThrow('Backprop: expected the model to end in a loss (a scalar output), got an output of shape [5, 2]');
  });
});

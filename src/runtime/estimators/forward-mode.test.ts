import { describe, expect, it } from 'vitest';
import { Backprop } from './backprop';
import { classifier, paramCount, quadratic, reference, snapshotValues } from './fixtures';
import { ForwardMode } from './forward-mode';
import { gradientsOf, relativeError } from './similarity';

describe('ForwardMode (one JVP per parameter scalar)', () => {
  it('equals backprop to float64 round-off, dropout included (the masks of the one forward pass)', () => {
    for (const p of [classifier({ dropout: 0.4, hidden: [5, 4], activation: 'relu' }), quadratic()]) {
      const ref = reference(p);
      const e = new ForwardMode().estimate(p.model, p.x, p.y);
      expect(e.loss).toBe(ref.loss);
      expect(relativeError(gradientsOf(p.model), ref.grads)).toBeLessThan(1e-13);
    }
  });

  it('equals backprop to float32 precision on a float32 model', () => {
    const p = classifier({ dtype: 'float32', hidden: [8, 8], activation: 'sigmoid', dropout: 0.2 });
    // A copy draws the same dropout masks: backprop on it is the reference.
    const twin = p.model.clone();
    new ForwardMode().estimate(p.model, p.x, p.y);
    new Backprop().estimate(twin, p.x, p.y);
    const err = relativeError(gradientsOf(p.model), gradientsOf(twin));
    expect(err).toBeLessThan(1e-6);
  });

  it('costs 1 forward pass and exactly P JVP passes; the parameters are untouched', () => {
    for (const hidden of [[3], [4, 5]]) {
      const p = classifier({ hidden });
      const before = snapshotValues(p.model);
      const { cost } = new ForwardMode().estimate(p.model, p.x, p.y);
      const P = paramCount(p.model);
      expect(cost).toMatchObject({ forwardPasses: 1, jvpPasses: P, backwardPasses: 0, forwardEquivalents: 1 + P });
      expect(snapshotValues(p.model)).toEqual(before);
    }
  });
});

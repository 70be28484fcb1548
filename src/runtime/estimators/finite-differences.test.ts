import { describe, expect, it } from 'vitest';
import { classifier, dropoutStates, paramCount, quadratic, reference, snapshotValues } from './fixtures';
import { FiniteDifferences } from './finite-differences';
import { cosineSimilarity, gradientsOf, relativeError } from './similarity';

describe('FiniteDifferences (central, one parameter at a time)', () => {
  it('is exact on a quadratic loss, even with a step of 0.5 (a one-sided difference would not be)', () => {
    const p = quadratic();
    const ref = reference(p);
    new FiniteDifferences({ step: 0.5 }).estimate(p.model, p.x, p.y);
    expect(relativeError(gradientsOf(p.model), ref.grads)).toBeLessThan(1e-13);
  });

  it('computes (L(θ + hⱼ·eⱼ) − L(θ − hⱼ·eⱼ)) / 2hⱼ, hⱼ = h·max(1, |θⱼ|), for every scalar θⱼ (checked on a copy)', () => {
    const p = classifier({ hidden: [3], activation: 'tanh' });
    // Some weights above 1 in magnitude, where the step scales.
    p.model.params()[0].value.data.set([2.5, -3], 0);
    const h = 1e-2;
    const copy = p.model.clone();
    new FiniteDifferences({ step: h }).estimate(p.model, p.x, p.y);
    const got = gradientsOf(p.model);
    copy.params().forEach((q, i) => {
      for (let j = 0; j < q.value.size; j++) {
        const o = q.value.data[j];
        const hj = h * Math.max(1, Math.abs(o));
        q.value.data[j] = o + hj;
        const lp = copy.forward(p.x, p.y).item();
        q.value.data[j] = o - hj;
        const lm = copy.forward(p.x, p.y).item();
        q.value.data[j] = o;
        expect(Math.abs(got[i][j] - (lp - lm) / (2 * hj))).toBeLessThan(1e-13);
      }
    });
  });

  it('float32: a parameter too large for θ ± h to differ from θ still gets a finite estimate', () => {
    const p = quadratic('float32');
    p.model.params()[0].value.data[0] = 50_000; // ulp(5e4) in float32 ≈ 0.004 > 1e-3
    const ref = reference(p);
    new FiniteDifferences().estimate(p.model, p.x, p.y);
    const g = gradientsOf(p.model);
    expect(Number.isFinite(g[0][0])).toBe(true);
    expect(Math.abs(g[0][0] - ref.grads[0][0]) / Math.abs(ref.grads[0][0])).toBeLessThan(1e-3);
  });

  it('default steps: float64 agrees with backprop to ~1e-9, float32 to ~1e-3', () => {
    const p64 = classifier({ hidden: [5, 5], activation: 'sigmoid' });
    const r64 = reference(p64);
    new FiniteDifferences().estimate(p64.model, p64.x, p64.y);
    expect(relativeError(gradientsOf(p64.model), r64.grads)).toBeLessThan(1e-8);
    const p32 = classifier({ hidden: [5, 5], activation: 'sigmoid', dtype: 'float32' });
    const r32 = reference(p32);
    new FiniteDifferences().estimate(p32.model, p32.x, p32.y);
    const err = relativeError(gradientsOf(p32.model), r32.grads);
    console.log(`finite differences in float32 (h = 1e-3): relative error ${err.toExponential(1)}`);
    expect(err).toBeLessThan(1e-3);
    expect(cosineSimilarity(gradientsOf(p32.model), r32.grads)).toBeGreaterThan(0.9999);
  });

  it('sees one set of dropout masks in all 2P + 1 passes, and consumes exactly one', () => {
    const p = classifier({ hidden: [6, 6], dropout: 0.5, activation: 'tanh' });
    const ref = reference(p);
    new FiniteDifferences().estimate(p.model, p.x, p.y);
    // Fresh masks in any pass would put the difference far off.
    expect(relativeError(gradientsOf(p.model), ref.grads)).toBeLessThan(1e-8);
    expect(dropoutStates(p.model)).toEqual(ref.rngStates);
  });

  it('costs 2P + 1 forward passes; the parameters end bitwise as they were', () => {
    for (const hidden of [[2], [3, 4]]) {
      const p = classifier({ hidden, dtype: 'float32' });
      const before = snapshotValues(p.model);
      const e = new FiniteDifferences().estimate(p.model, p.x, p.y);
      const P = paramCount(p.model);
      expect(e.cost).toMatchObject({ forwardPasses: 2 * P + 1, jvpPasses: 0, backwardPasses: 0, forwardEquivalents: 2 * P + 1 });
      expect(snapshotValues(p.model)).toEqual(before);
      expect(e.loss).toBe(reference(p).loss);
    }
  });

  it('refuses a step that is not positive', () => {
    expect(() => new FiniteDifferences({ step: 0 })).toThrow('FiniteDifferences: expected step to be a finite number > 0, got 0');
    expect(() => new FiniteDifferences({ step: Infinity })).toThrow(RangeError);
  });
});

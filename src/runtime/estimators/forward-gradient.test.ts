import { describe, expect, it } from 'vitest';
import { Tensor, createRng } from '../../engine';
import { classifier, paramCount, reference } from './fixtures';
import { ForwardGradient } from './forward-gradient';
import { cosineSimilarity, gradientsOf, relativeError } from './similarity';

describe('ForwardGradient (Baydin et al. 2022)', () => {
  it('one tangent: writes (∇L·v)·v for the v ~ N(0, I) its seed draws (parameters in order)', () => {
    const p = classifier({ dropout: 0.3, hidden: [5] });
    const g = reference(p).grads;
    new ForwardGradient({ seed: 9 }).estimate(p.model, p.x, p.y);
    const rng = createRng(9);
    const v = p.model.params().map((q) => Tensor.randn(q.value.shape, rng, 1, q.value.dtype).data);
    let d = 0;
    g.forEach((gi, i) => gi.forEach((a, j) => (d += a * v[i][j])));
    const want = v.map((vi) => Float64Array.from(vi, (a) => d * a));
    expect(relativeError(gradientsOf(p.model), want)).toBeLessThan(1e-12);
  });

  it('is unbiased: the mean over k tangents approaches the gradient, the error shrinking as 1/√k', () => {
    const p = classifier({ hidden: [4] });
    const g = reference(p).grads;
    const P = paramCount(p.model);
    // E‖ĝ_k − ∇L‖² = (P + 1)·‖∇L‖² / k for v ~ N(0, I): the relative error is about √((P + 1)/k).
    const rms = (k: number): number => {
      let sq = 0;
      const seeds = 8;
      for (let s = 0; s < seeds; s++) {
        new ForwardGradient({ tangents: k, seed: 100 * k + s }).estimate(p.model, p.x, p.y);
        sq += relativeError(gradientsOf(p.model), g) ** 2;
      }
      return Math.sqrt(sq / seeds);
    };
    const few = rms(100);
    const many = rms(1600);
    const expected = (k: number) => Math.sqrt((P + 1) / k);
    console.log(`forward gradient, P = ${P}: rms relative error ${few.toFixed(3)} at k = 100 (theory ${expected(100).toFixed(3)}), ${many.toFixed(3)} at k = 1600 (theory ${expected(1600).toFixed(3)})`);
    for (const [k, err] of [[100, few], [1600, many]] as const) {
      expect(err).toBeLessThan(1.5 * expected(k));
      expect(err).toBeGreaterThan(0.5 * expected(k));
    }
    // 16 times the tangents: 4 times less error.
    expect(few / many).toBeGreaterThan(2.5);
    expect(few / many).toBeLessThan(6.5);
  });

  it('points the right way on average: cos(ĝ, ∇L) grows with k', () => {
    const p = classifier({ hidden: [4] });
    const g = reference(p).grads;
    const cos = (k: number) => {
      new ForwardGradient({ tangents: k, seed: 5 }).estimate(p.model, p.x, p.y);
      return cosineSimilarity(gradientsOf(p.model), g);
    };
    expect(cos(1)).toBeGreaterThan(-1);
    expect(cos(2000)).toBeGreaterThan(0.95);
  });

  it('costs 1 forward pass and k JVP passes', () => {
    const p = classifier({ hidden: [4, 4] });
    for (const k of [1, 3, 10]) {
      expect(new ForwardGradient({ tangents: k }).estimate(p.model, p.x, p.y).cost).toMatchObject({ forwardPasses: 1, jvpPasses: k, backwardPasses: 0, forwardEquivalents: 1 + k });
    }
  });

  it('reproduces from its seed; successive estimates draw new tangents', () => {
    const p = classifier();
    const run = (est: ForwardGradient) => {
      est.estimate(p.model, p.x, p.y);
      return gradientsOf(p.model);
    };
    const a = new ForwardGradient({ seed: 3 });
    const b = new ForwardGradient({ seed: 3 });
    const first = run(a);
    expect(run(b)).toEqual(first);
    expect(run(a)).not.toEqual(first);
    expect(run(new ForwardGradient({ seed: 4 }))).not.toEqual(first);
  });

  it('refuses a tangent count that is not a positive integer', () => {
    expect(() => new ForwardGradient({ tangents: 0 })).toThrow('ForwardGradient: expected tangents to be an integer ≥ 1, got 0');
    expect(() => new ForwardGradient({ tangents: 2.5 })).toThrow(RangeError);
    expect(() => new ForwardGradient({ seed: Number.NaN })).toThrow('ForwardGradient: expected seed to be a finite number, got NaN');
  });
});

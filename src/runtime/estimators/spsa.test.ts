import { describe, expect, it } from 'vitest';
import { Dropout, Linear, MSELoss, Sequential, Tensor, createRng } from '../../engine';
import { classifier, dropoutStates, paramCount, quadratic, reference, snapshotValues } from './fixtures';
import { gradientsOf, relativeError } from './similarity';
import { Spsa, drawSigns } from './spsa';

/** The Rademacher signs the generator seeded `seed` draws for a model's parameters, sample after sample: bit b of each 32-bit draw, +1 for 1. */
function signs(sizes: number[], seed: number, samples: number): Float64Array[][] {
  const rng = createRng(seed);
  return Array.from({ length: samples }, () => {
    const flat: number[] = [];
    const total = sizes.reduce((a, b) => a + b, 0);
    for (let k = 0; k < total; k += 32) {
      const bits = rng.nextUint32();
      for (let b = 0; b < 32 && k + b < total; b++) flat.push(Math.floor(bits / 2 ** b) % 2 === 1 ? 1 : -1);
    }
    let at = 0;
    return sizes.map((n) => Float64Array.from(flat.slice(at, (at += n))));
  });
}

function dotAll(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  let s = 0;
  a.forEach((u, i) => {
    for (let j = 0; j < u.length; j++) s += u[j] * b[i][j];
  });
  return s;
}

describe('Spsa (simultaneous perturbation)', () => {
  it('on a quadratic loss gives exactly (∇L·Δ)·Δ for its Rademacher Δ, whatever the step', () => {
    for (const step of [1e-4, 0.5]) {
      const p = quadratic();
      const g = reference(p).grads;
      new Spsa({ step, seed: 7 }).estimate(p.model, p.x, p.y);
      const [delta] = signs(p.model.params().map((q) => q.value.size), 7, 1);
      const d = dotAll(g, delta);
      const want = delta.map((di) => di.map((s) => d * s));
      expect(relativeError(gradientsOf(p.model), want)).toBeLessThan(step === 0.5 ? 1e-12 : 1e-9);
    }
  });

  it('computes (L(θ + cΔ) − L(θ − cΔ)) / 2c · Δ on a non-quadratic model, averaging over samples', () => {
    const p = classifier({ hidden: [3], activation: 'tanh' });
    const c = 1e-2;
    const copy = p.model.clone();
    const e = new Spsa({ step: c, samples: 3, seed: 11 }).estimate(p.model, p.x, p.y);
    const params = copy.params();
    const deltas = signs(params.map((q) => q.value.size), 11, 3);
    const sum = params.map((q) => new Float64Array(q.value.size));
    let lossSum = 0;
    for (const delta of deltas) {
      const at = (sign: number) => {
        const saved = params.map((q) => q.value.data.slice());
        params.forEach((q, i) => q.value.data.forEach((v, j, w) => (w[j] = v + sign * c * delta[i][j])));
        const l = copy.forward(p.x, p.y).item();
        params.forEach((q, i) => q.value.data.set(saved[i]));
        return l;
      };
      const lp = at(1), lm = at(-1);
      lossSum += lp + lm;
      sum.forEach((s, i) => s.forEach((_, j) => (s[j] += ((lp - lm) / (2 * c)) * delta[i][j])));
    }
    expect(relativeError(gradientsOf(p.model), sum.map((s) => s.map((v) => v / 3)))).toBeLessThan(1e-12);
    expect(e.loss).toBeCloseTo(lossSum / 6, 14);
    expect(e.exactLoss).toBe(false);
  });

  it('is unbiased: the mean over many perturbations approaches the gradient', () => {
    const p = classifier({ hidden: [4] });
    const g = reference(p).grads;
    const P = paramCount(p.model);
    new Spsa({ samples: 4000, seed: 3 }).estimate(p.model, p.x, p.y);
    // Var of (∇L·Δ)Δᵢ is Σ_{j≠i} ∂ⱼL², so E‖ĝ − ∇L‖² = (P − 1)‖∇L‖²/samples.
    const err = relativeError(gradientsOf(p.model), g);
    expect(err).toBeLessThan(1.5 * Math.sqrt((P - 1) / 4000));
  });

  it('costs 2 forward passes per sample, sees one set of dropout masks and consumes exactly one', () => {
    const p = classifier({ hidden: [5, 5], dropout: 0.5 });
    const ref = reference(p);
    const before = snapshotValues(p.model);
    for (const samples of [1, 4]) {
      const q = { ...p, model: p.model.clone() };
      const e = new Spsa({ samples, step: 0.5, seed: 1 }).estimate(q.model, q.x, q.y);
      expect(e.cost).toMatchObject({ forwardPasses: 2 * samples, jvpPasses: 0, backwardPasses: 0, forwardEquivalents: 2 * samples });
      expect(dropoutStates(q.model)).toEqual(ref.rngStates);
      expect(snapshotValues(q.model)).toEqual(before);
    }
  });

  it('evaluates both perturbations with the same dropout mask: dropout → Linear → MSE is quadratic in θ for a fixed mask', () => {
    const rng = createRng(4);
    const model = new Sequential(new Dropout(0.5, { rng: createRng(5) }), new Linear(3, 2, { rng, wstd: 0.5, dtype: 'float64' }), new MSELoss());
    const p = { model, x: Tensor.randn([8, 3], rng, 1, 'float64'), y: Float64Array.from({ length: 16 }, () => rng.normal()) };
    const g = reference(p).grads;
    new Spsa({ step: 0.25, seed: 2 }).estimate(p.model, p.x, p.y);
    const [delta] = signs(p.model.params().map((q) => q.value.size), 2, 1);
    const d = dotAll(g, delta);
    // Exact only if L(θ + cΔ) and L(θ − cΔ) saw the mask the reference's backprop saw.
    expect(relativeError(gradientsOf(p.model), delta.map((di) => di.map((s) => d * s)))).toBeLessThan(1e-12);
  });

  it('draws fair, independent signs: about half +1 overall and in every bit position', () => {
    const out = [new Float64Array(32 * 2000)];
    drawSigns(createRng(8), out);
    const n = out[0].length;
    const plus = out[0].reduce((s, v) => s + (v === 1 ? 1 : 0), 0);
    expect(out[0].every((v) => v === 1 || v === -1)).toBe(true);
    expect(Math.abs(plus - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
    for (let b = 0; b < 32; b++) {
      let ones = 0;
      for (let k = b; k < n; k += 32) if (out[0][k] === 1) ones++;
      expect(Math.abs(ones - 1000)).toBeLessThan(5 * Math.sqrt(500));
    }
  });

  it('refuses bad options', () => {
    expect(() => new Spsa({ samples: 0 })).toThrow('Spsa: expected samples to be an integer ≥ 1, got 0');
    expect(() => new Spsa({ step: -1 })).toThrow('Spsa: expected step to be a finite number > 0, got -1');
  });
});

/**
 * Forward mode (jvp) of every layer: the dot-product test ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ against
 * backward, in float32 and float64, and central finite differences of forward in float64.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  CrossEntropyLoss,
  Dropout,
  LeakyReLU,
  Linear,
  MLP,
  MSELoss,
  ReLU,
  Sequential,
  Sigmoid,
  TanH,
  Tensor,
  createRng,
  type DType,
  type Layer,
} from './index';
import { dotProductTest, fdJvpCheck } from './testing/jvp-check';

/**
 * Relative gaps of the dot-product test (relative to Σ|terms|, so cancellation cannot hide
 * an error). float64 rounds at ~1e-16 per operation; float32 stores every intermediate at
 * ~6e-8 relative, and a handful of roundings along a 6-layer network stay below 1e-6.
 */
const TOL: Record<DType, number> = { float64: 1e-10, float32: 1e-6 };
const FD_TOL = 1e-7;

function labels(n: number, c: number, seed: number): Int32Array {
  const rng = createRng(seed);
  return Int32Array.from({ length: n }, () => rng.int(c));
}

function targets(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** A Linear with non-zero bias, in `dtype`. */
function linear(inF: number, outF: number, seed: number, dtype: DType): Linear {
  const rng = createRng(seed);
  const fc = new Linear(inF, outF, { rng, wstd: 0.5, dtype });
  for (let i = 0; i < fc.b.size; i++) fc.b.data[i] = rng.normal() * 0.1;
  return fc;
}

/** Every leaf layer kind with an input (and labels or targets) for it. */
function cases(dtype: DType): { name: string; layer: Layer; x: Tensor; y?: ArrayLike<number> }[] {
  const rng = createRng(dtype === 'float64' ? 64 : 32);
  const x = (...shape: number[]) => Tensor.randn(shape, rng, 1, dtype);
  return [
    { name: 'LeakyReLU(0.1)', layer: new LeakyReLU(0.1), x: x(6, 7) },
    { name: 'ReLU', layer: new ReLU(), x: x(6, 7) },
    { name: 'Sigmoid (3-D)', layer: new Sigmoid(), x: x(3, 4, 5) },
    { name: 'TanH (3-D)', layer: new TanH(), x: x(3, 4, 5) },
    { name: 'Linear', layer: linear(7, 5, 1, dtype), x: x(6, 7) },
    { name: 'Linear (3-D input)', layer: linear(7, 5, 2, dtype), x: x(2, 3, 7) },
    { name: 'Dropout (train)', layer: new Dropout(0.4, { rng: createRng(3) }), x: x(8, 9) },
    { name: 'Dropout (eval)', layer: new Dropout(0.4, { rng: createRng(3) }).eval(), x: x(8, 9) },
    { name: 'CrossEntropyLoss', layer: new CrossEntropyLoss(), x: x(10, 4), y: labels(10, 4, 4) },
    { name: 'MSELoss', layer: new MSELoss(), x: x(10, 3), y: targets(30, 5) },
  ];
}

/** Random MLPs (several depths, every activation, dropout in training mode) ending in each loss. */
function models(dtype: DType): { name: string; layer: Layer; x: Tensor; y?: ArrayLike<number> }[] {
  const out: { name: string; layer: Layer; x: Tensor; y?: ArrayLike<number> }[] = [];
  let seed = 100;
  for (const hidden of [[], [8], [16, 8, 12], [10, 10, 10, 10, 10]]) {
    for (const activation of ACTIVATIONS) {
      for (const dropout of [0, 0.3]) {
        seed++;
        const rng = createRng(seed);
        const mlp = new MLP(5, 4, hidden, { activation, dropout, wstd: 0.6, rng });
        for (const p of mlp.params()) if (p.name.endsWith('b')) p.value.data.forEach((_, i, d) => (d[i] = rng.normal() * 0.1));
        const model = mlp.clone(dtype);
        const x = Tensor.randn([6, 5], rng, 1, dtype);
        const name = `MLP [${hidden.join(', ')}] ${activation} dropout ${dropout}`;
        if (seed % 3 === 0) out.push({ name: `${name} + MSELoss`, layer: new Sequential(model, new MSELoss()), x, y: targets(24, seed) });
        else if (seed % 3 === 1) out.push({ name: `${name} + CrossEntropyLoss`, layer: new Sequential(model, new CrossEntropyLoss()), x, y: labels(6, 4, seed) });
        else out.push({ name, layer: model, x });
      }
    }
  }
  return out;
}

describe('dot-product test ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ against backward', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    it(`every layer kind, ${dtype}, w.r.t. the input and the parameters`, () => {
      for (const c of cases(dtype)) {
        const r = dotProductTest(c.layer, c.x, c.y);
        expect(r.max, `${c.name}: ${JSON.stringify(r)}`).toBeLessThan(TOL[dtype]);
      }
    });

    it(`random MLPs (depths 1–6, every activation, dropout with the forward's mask) alone and with each loss, ${dtype}`, () => {
      const all = models(dtype);
      expect(all.length).toBe(32);
      let worst = 0;
      for (const c of all) {
        const r = dotProductTest(c.layer, c.x, c.y);
        expect(r.max, `${c.name}: ${JSON.stringify(r)}`).toBeLessThan(TOL[dtype]);
        worst = Math.max(worst, r.max);
      }
      console.log(`dot-product test, ${all.length} MLPs in ${dtype}: worst relative gap ${worst.toExponential(1)}`);
    });
  }

  it('fails for a JVP that is not the dual of backward', () => {
    class WrongSigmoid extends Sigmoid {
      // σ instead of σ(1 − σ).
      override jvp(dx: Tensor | null): Tensor {
        if (!dx) return super.jvp(dx);
        const s = (this.output as Tensor).data;
        return new Tensor((dx as Tensor).data.map((v, i) => v * s[i]), (dx as Tensor).shape);
      }
    }
    const r = dotProductTest(new WrongSigmoid(), Tensor.randn([5, 6], createRng(1), 1, 'float64'));
    expect(r.input).toBeGreaterThan(0.1);
  });

  it('fails when a dropout JVP draws a fresh mask instead of reusing the forward’s', () => {
    class FreshMaskDropout extends Dropout {
      override jvp(dx: Tensor | null): Tensor {
        return dx ? this.forward(dx) : super.jvp(dx);
      }
    }
    const r = dotProductTest(new FreshMaskDropout(0.5, { rng: createRng(2) }), Tensor.randn([20, 20], createRng(3), 1, 'float64'));
    expect(r.input).toBeGreaterThan(0.01);
  });
});

describe('jvp against float64 central differences of forward', () => {
  it('every layer kind, for input tangents, parameter tangents and both', () => {
    for (const c of cases('float64')) {
      for (const [withInput, withParams] of [[true, false], [false, true], [true, true]] as const) {
        if (withParams && c.layer.params().length === 0) continue;
        const r = fdJvpCheck(c.layer, c.x, c.y, withInput, withParams);
        expect(r.kinkCrossed, `${c.name}: a ReLU kink lies within the step; pick another seed`).toBe(false);
        expect(r.relError, c.name).toBeLessThan(FD_TOL);
      }
    }
  });

  it('random MLPs with each loss, dropout masks replayed', () => {
    for (const c of models('float32')) {
      const r = fdJvpCheck(c.layer, c.x, c.y, true, true);
      expect(r.kinkCrossed, `${c.name}: a ReLU kink lies within the step; pick another seed`).toBe(false);
      expect(r.relError, c.name).toBeLessThan(FD_TOL);
    }
  });

  it('fails for a wrong JVP (Linear missing its bias term)', () => {
    class NoBiasTangent extends Linear {
      override jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
        return super.jvp(dx, dparams && [dparams[0], null]);
      }
      override clone(dtype?: DType): NoBiasTangent {
        const c = new NoBiasTangent(this.inFeatures, this.outFeatures, { dtype });
        c.w.data.set(this.w.data);
        c.b.data.set(this.b.data);
        return c;
      }
    }
    const fc = new NoBiasTangent(4, 3, { rng: createRng(5) });
    const r = fdJvpCheck(fc, Tensor.randn([5, 4], createRng(6)), undefined, false, true);
    expect(r.relError).toBeGreaterThan(0.01);
  });
});

describe('jvp leaves the layer as it was', () => {
  it('gradients and stashed state are untouched: backward after any number of JVPs is unchanged', () => {
    const rng = createRng(9);
    const model = new Sequential(new MLP(4, 3, [6, 5], { dropout: 0.4, rng }), new CrossEntropyLoss());
    const x = Tensor.randn([7, 4], rng);
    const y = labels(7, 3, 10);
    model.forward(x, y);
    model.zeroGrad();
    const before = model.backward().toArray();
    const grads = model.params().map((p) => p.grad.toArray());
    const dps = model.params().map((p) => Tensor.randn(p.value.shape, rng));
    const first = model.jvp(Tensor.randn(x.shape, rng), dps).item();
    for (let i = 0; i < 3; i++) model.jvp(null, dps);
    expect(model.params().map((p) => p.grad.toArray())).toEqual(grads);
    model.zeroGrad();
    expect(model.backward().toArray()).toEqual(before);
    expect(Number.isFinite(first)).toBe(true);
  });

  it('is linear in the tangents: jvp(a·v + w) = a·jvp(v) + jvp(w), and jvp(null) is zero', () => {
    const rng = createRng(12);
    const model = new Sequential(new MLP(3, 2, [5], { activation: 'tanh', rng }).clone('float64'), new MSELoss());
    const x = Tensor.randn([4, 3], rng, 1, 'float64');
    model.forward(x, targets(8, 13));
    const v = Tensor.randn(x.shape, rng, 1, 'float64');
    const w = Tensor.randn(x.shape, rng, 1, 'float64');
    const mix = new Tensor(v.data.map((a, i) => 2.5 * a + w.data[i]), x.shape);
    expect(model.jvp(mix).item()).toBeCloseTo(2.5 * model.jvp(v).item() + model.jvp(w).item(), 12);
    expect(model.jvp(null).item()).toBe(0);
    expect(model.jvp(null, model.params().map(() => null)).item()).toBe(0);
  });
});

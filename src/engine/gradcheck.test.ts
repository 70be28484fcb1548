/** Central finite differences in float64 against every layer's backward pass. */
import { describe, expect, it } from 'vitest';
import {
  CrossEntropyLoss,
  Dropout,
  LeakyReLU,
  Linear,
  MLP,
  ReLU,
  Sequential,
  Sigmoid,
  TanH,
  Tensor,
  createRng,
  formatGradcheck,
  gradcheck,
  gradcheckSteps,
  type Layer,
} from './index';

const TOL = 1e-6;

function labels(n: number, c: number, seed: number): Int32Array {
  const rng = createRng(seed);
  return Int32Array.from({ length: n }, () => rng.int(c));
}

function check(layer: Layer, x: Tensor, y?: ArrayLike<number>): void {
  const r = gradcheck(layer, x, y);
  console.log(`${String(layer).split('\n')[0]}\n${formatGradcheck(r)}`);
  expect(r.params).toHaveLength(layer.params().length);
  expect(r.input.checked).toBeGreaterThan(0);
  expect(r.maxRelError).toBeLessThan(TOL);
}

describe('gradcheck (float64) of every layer kind', () => {
  const rng = createRng(2024);
  const x = (...shape: number[]): Tensor => Tensor.randn(shape, rng);

  it('LeakyReLU, ReLU', () => {
    check(new LeakyReLU(0.1), x(6, 7));
    check(new ReLU(), x(6, 7));
  });

  it('Sigmoid, TanH (3-D inputs)', () => {
    check(new Sigmoid(), x(3, 4, 5));
    check(new TanH(), x(3, 4, 5));
  });

  it('Linear, on 2-D and 3-D inputs', () => {
    const fc = new Linear(7, 5, { rng, wstd: 0.5 });
    for (let i = 0; i < fc.b.size; i++) fc.b.data[i] = rng.normal();
    check(fc, x(6, 7));
    check(fc, x(2, 3, 7));
  });

  it('Dropout in training mode (the mask replayed at every evaluation)', () => {
    const d = new Dropout(0.4, { rng: createRng(5) });
    expect(d.training).toBe(true);
    check(d, x(8, 9));
  });

  it('CrossEntropyLoss', () => {
    check(new CrossEntropyLoss(), x(8, 5), labels(8, 5, 6));
  });

  it('a Sequential of every kind', () => {
    const seq = new Sequential(
      new Linear(6, 12, { rng, wstd: 0.5 }),
      new LeakyReLU(0.05),
      new Dropout(0.3, { rng }),
      new Linear(12, 10, { rng, wstd: 0.5 }),
      new TanH(),
      new Linear(10, 8, { rng, wstd: 0.5 }),
      new Sigmoid(),
      new Linear(8, 4, { rng, wstd: 0.5 }),
    );
    check(seq, x(5, 6));
  });

  it('the MLP with dropout followed by CrossEntropyLoss', () => {
    for (const activation of ['relu', 'lrelu', 'sigmoid', 'tanh'] as const) {
      const mlp = new MLP(6, 4, [16, 12], { activation, dropout: 0.25, wstd: 0.5, rng });
      check(new Sequential(mlp, new CrossEntropyLoss()), x(10, 6), labels(10, 4, 7));
    }
  });

  it('leaves the layer it checks untouched', () => {
    const fc = new Linear(4, 3, { rng });
    const w = fc.w.clone();
    gradcheck(fc, x(2, 4));
    expect(fc.w.toArray()).toEqual(w.toArray());
    expect(fc.dw.toArray().every((v) => v === 0)).toBe(true);
    expect(fc.w.dtype).toBe('float32');
  });

  it('fails on a wrong backward pass', () => {
    class HalfSigmoid extends Sigmoid {
      override backward(dout?: Tensor): Tensor {
        const g = super.backward(dout);
        for (let i = 0; i < g.size; i += 2) g.data[i] *= 0.5;
        return g;
      }
      override clone(): HalfSigmoid {
        return new HalfSigmoid();
      }
    }
    expect(gradcheck(new HalfSigmoid(), x(4, 4)).maxRelError).toBeGreaterThan(0.1);
  });
});

describe('gradcheck itself', () => {
  it('catches a backward pass that is wrong', () => {
    class DoubledSigmoid extends Sigmoid {
      override backward(dout?: Tensor): Tensor {
        const dx = super.backward(dout);
        dx.data[3] *= 2;
        return dx;
      }
      override clone(): DoubledSigmoid {
        return new DoubledSigmoid();
      }
    }
    const x = Tensor.randn([4, 5], createRng(1));
    expect(gradcheck(new Sigmoid(), x).maxRelError).toBeLessThan(TOL);
    expect(gradcheck(new DoubledSigmoid(), x).maxRelError).toBeGreaterThan(0.01);
  });

  it('a ReLU kink within reach of the larger step does not fail a correct gradient', () => {
    const x = Tensor.from([3e-6, -4e-6, 0.5, -0.7, 2e-5, 1.2], [2, 3]);
    const r = gradcheck(new ReLU(), x, undefined, { eps: 1e-5 });
    expect(r.maxRelError).toBeLessThan(TOL);
  });

  // Smooth activations, so what is measured is rounding (tiny gradients against large
  // logits), not ReLU kinks, which a whole trained ReLU network can sit within 1e-6 of.
  it('stays accurate on a trained, confident network (small gradients, large logits)', () => {
    const rng = createRng(7);
    const model = new Sequential(new MLP(10, 10, [100, 50, 100], { activation: 'tanh', rng }), new CrossEntropyLoss());
    const x = Tensor.randn([20, 10], rng);
    const y = labels(20, 10, 8);
    const params = model.params();
    for (let i = 0; i < 400; i++) {
      model.forward(x, y);
      model.zeroGrad();
      model.backward();
      for (const p of params) for (let k = 0; k < p.value.size; k++) p.value.data[k] -= 0.1 * p.grad.data[k];
    }
    expect(model.forward(x, y).item()).toBeLessThan(0.05);
    expect(gradcheck(model, x, y).maxRelError).toBeLessThan(TOL);
  });

  it('one entry at a time: counts every checked entry and ends with the same result', () => {
    const rng = createRng(3);
    const fc = new Linear(12, 5, { rng });
    const x = Tensor.randn([4, 12], rng);
    const steps = gradcheckSteps(fc, x, undefined, { maxEntries: 20 });
    const seen: number[] = [];
    let r = steps.next();
    while (!r.done) {
      seen.push(r.value.done);
      expect(r.value.total).toBe(20 + 20 + 5);
      r = steps.next();
    }
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(r.value).toEqual(gradcheck(fc, x, undefined, { maxEntries: 20 }));
    expect(r.value.input.checked).toBe(20);
    expect(r.value.params.map((p) => p.checked)).toEqual([20, 5]);
  });
});

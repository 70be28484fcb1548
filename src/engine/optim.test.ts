/** Optimizers against arithmetic written out by hand; the homework's overfitting check. */
import { describe, expect, it } from 'vitest';
import { Adam, CrossEntropyLoss, MLP, MomentumSGD, RMSProp, SGD, Tensor, createRng, type Param } from './index';

/** A float64 parameter [1, −2] whose gradient the test sets before each step. */
function param(values = [1, -2]): Param {
  return { name: 'p', value: Tensor.from(values, [values.length], 'float64'), grad: Tensor.zeros([values.length], 'float64') };
}

function stepWith(opt: { step(): void; params: Param[] }, grad: number[]): number[] {
  opt.params[0].grad.data.set(grad);
  opt.step();
  return opt.params[0].value.toArray();
}

const close = (got: number[], want: number[]): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
};

describe('SGD: p ← p − lr·(dp + wd·p)', () => {
  it('lr 0.1, weight decay 0.01, two steps', () => {
    const p = param();
    const opt = new SGD([p], { lr: 0.1, weightDecay: 0.01 });
    // p = 1 − 0.1·(0.5 + 0.01·1) = 1 − 0.051 = 0.949;  −2 − 0.1·(0.25 + 0.01·(−2)) = −2 − 0.023 = −2.023
    close(stepWith(opt, [0.5, 0.25]), [0.949, -2.023]);
    // 0.949 − 0.1·(0.5 + 0.00949) = 0.898051;  −2.023 − 0.1·(0.25 − 0.02023) = −2.045977
    close(stepWith(opt, [0.5, 0.25]), [0.898051, -2.045977]);
    expect(opt.steps).toBe(2);
  });

  it('updates the parameter tensor in place, in its dtype', () => {
    const w = Tensor.from([1, 2], [2]);
    const p: Param = { name: 'w', value: w, grad: Tensor.from([1, 1], [2]) };
    new SGD([p], { lr: 0.5 }).step();
    expect(p.value).toBe(w);
    expect(w.dtype).toBe('float32');
    expect(w.toArray()).toEqual([0.5, 1.5]);
  });

  it('zeroGrad clears the gradients of its parameters', () => {
    const p = param();
    p.grad.data.set([3, 4]);
    new SGD([p], { lr: 0.1 }).zeroGrad();
    expect(p.grad.toArray()).toEqual([0, 0]);
  });
});

describe('MomentumSGD: v ← μ·v − lr·(dp + wd·p); p ← p + v', () => {
  it('lr 0.1, momentum 0.9, weight decay 0.01, three steps (the last with no gradient)', () => {
    const p = param();
    const opt = new MomentumSGD([p], { lr: 0.1, momentum: 0.9, weightDecay: 0.01 });
    // v = −0.1·(0.5 + 0.01) = −0.051, −0.1·(0.25 − 0.02) = −0.023;  p = 0.949, −2.023
    close(stepWith(opt, [0.5, 0.25]), [0.949, -2.023]);
    // v = 0.9·(−0.051) − 0.1·(0.5 + 0.00949) = −0.096849;  0.9·(−0.023) − 0.1·(0.25 − 0.02023) = −0.043677
    // p = 0.949 − 0.096849 = 0.852151;  −2.023 − 0.043677 = −2.066677
    close(stepWith(opt, [0.5, 0.25]), [0.852151, -2.066677]);
    // v = 0.9·(−0.096849) − 0.1·(0 + 0.00852151) = −0.088016251;  0.9·(−0.043677) − 0.1·(−0.02066677) = −0.037242623
    // p = 0.852151 − 0.088016251 = 0.764134749;  −2.066677 − 0.037242623 = −2.103919623
    close(stepWith(opt, [0, 0]), [0.764134749, -2.103919623]);
  });

  it('momentum defaults to 0.9', () => {
    expect(new MomentumSGD([param()], { lr: 0.1 }).momentum).toBe(0.9);
  });
});

describe('RMSProp: g = dp + wd·p; r ← ρ·r + (1 − ρ)·g²; p ← p − lr·g/√(r + ε)', () => {
  it('lr 0.01, decay 0.9, eps 1e-8, weight decay 0.1, two steps', () => {
    const p = param();
    const opt = new RMSProp([p], { lr: 0.01, decay: 0.9, eps: 1e-8, weightDecay: 0.1 });
    // g = 0.5 + 0.1·1 = 0.6, 0.25 + 0.1·(−2) = 0.05;  r = 0.1·0.36 = 0.036, 0.1·0.0025 = 0.00025
    const a1 = 1 - (0.01 * 0.6) / Math.sqrt(0.036 + 1e-8);
    const b1 = -2 - (0.01 * 0.05) / Math.sqrt(0.00025 + 1e-8);
    close(stepWith(opt, [0.5, 0.25]), [a1, b1]);
    // g = 0.5 + 0.1·a1, 0.25 + 0.1·b1;  r = 0.9·0.036 + 0.1·g², 0.9·0.00025 + 0.1·g²
    const ga = 0.5 + 0.1 * a1;
    const gb = 0.25 + 0.1 * b1;
    const a2 = a1 - (0.01 * ga) / Math.sqrt(0.9 * 0.036 + 0.1 * ga * ga + 1e-8);
    const b2 = b1 - (0.01 * gb) / Math.sqrt(0.9 * 0.00025 + 0.1 * gb * gb + 1e-8);
    close(stepWith(opt, [0.5, 0.25]), [a2, b2]);
    // The first step moves each coordinate by about lr/√(1 − ρ) = 0.0316, whatever the gradient's size.
    expect(1 - a1).toBeCloseTo(0.0316228, 6);
    expect(-2 - b1).toBeCloseTo(0.0316221, 6);
  });
});

describe('Adam (PyTorch’s): bias-corrected first and second moments', () => {
  it('lr 0.1, betas (0.9, 0.999), eps 1e-8, weight decay 0.1, three steps', () => {
    const p = param([1]);
    const opt = new Adam([p], { lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.1 });
    // step 1: g = 0.5 + 0.1·1 = 0.6; m = 0.1·0.6 = 0.06; v = 0.001·0.36 = 0.00036
    // m̂ = 0.06/0.1 = 0.6; v̂ = 0.00036/0.001 = 0.36; p = 1 − 0.1·0.6/(0.6 + 1e-8)
    const p1 = 1 - (0.1 * 0.6) / (0.6 + 1e-8);
    close(stepWith(opt, [0.5]), [p1]);
    // step 2: g = 0.5 + 0.1·p1; m = 0.9·0.06 + 0.1·g; v = 0.999·0.00036 + 0.001·g²; corrections 1 − 0.9², 1 − 0.999²
    const g2 = 0.5 + 0.1 * p1;
    const m2 = 0.9 * 0.06 + 0.1 * g2;
    const v2 = 0.999 * 0.00036 + 0.001 * g2 * g2;
    const p2 = p1 - (0.1 * (m2 / 0.19)) / (Math.sqrt(v2 / 0.001999) + 1e-8);
    close(stepWith(opt, [0.5]), [p2]);
    // step 3 with dp = −1: g = −1 + 0.1·p2; corrections 1 − 0.9³ = 0.271, 1 − 0.999³ = 0.002997001
    const g3 = -1 + 0.1 * p2;
    const m3 = 0.9 * m2 + 0.1 * g3;
    const v3 = 0.999 * v2 + 0.001 * g3 * g3;
    const p3 = p2 - (0.1 * (m3 / 0.271)) / (Math.sqrt(v3 / 0.002997001) + 1e-8);
    close(stepWith(opt, [-1]), [p3]);
    // The first step is lr in size (m̂/√v̂ = 1).
    expect(1 - p1).toBeCloseTo(0.1, 7);
  });

  it('keeps separate moments per parameter', () => {
    const a = param([1]);
    const b = param([1]);
    const opt = new Adam([a, b], { lr: 0.1 });
    a.grad.data[0] = 1;
    b.grad.data[0] = 0;
    opt.step();
    expect(a.value.data[0]).toBeCloseTo(0.9, 7);
    expect(b.value.data[0]).toBe(1);
  });
});

describe('training', () => {
  it('an MLP overfits a fixed batch of 20 samples in 10 classes to 100% accuracy (MomentumSGD, seeded)', () => {
    const rng = createRng(2718);
    const x = Tensor.randn([20, 10], rng);
    const y = Int32Array.from({ length: 20 }, (_, i) => i % 10);
    const mlp = new MLP(10, 10, [64, 64], { rng, wstd: 0.3 });
    const loss = new CrossEntropyLoss();
    const opt = new MomentumSGD(mlp.params(), { lr: 0.05, momentum: 0.9 });
    const accuracy = (scores: Tensor): number => {
      let right = 0;
      for (let r = 0; r < 20; r++) {
        const row = Array.from(scores.data.subarray(r * 10, r * 10 + 10));
        if (row.indexOf(Math.max(...row)) === y[r]) right++;
      }
      return right / 20;
    };
    const first = loss.forward(mlp.forward(x), y).item();
    let steps = 0;
    let acc = 0;
    let last = first;
    while (steps < 300) {
      opt.zeroGrad();
      const scores = mlp.forward(x);
      last = loss.forward(scores, y).item();
      acc = accuracy(scores);
      if (acc === 1 && last < 0.05) break;
      mlp.backward(loss.backward());
      opt.step();
      steps++;
    }
    console.log(`overfit: loss ${first.toFixed(3)} → ${last.toFixed(4)}, accuracy ${acc} after ${steps} steps`);
    expect(acc).toBe(1);
    expect(steps).toBeLessThanOrEqual(100);
    expect(last).toBeLessThan(0.05);
    expect(last).toBeLessThan(first / 20);
  });
});

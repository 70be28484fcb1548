/** MSELoss: PyTorch's values, tfjs's autograd, finite differences, and its errors. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Linear, MLP, MSELoss, Sequential, Tensor, createRng, formatGradcheck, gradcheck } from './index';
import { TfComparer, initTf } from './testing/tf-reference';

beforeAll(initTf);

const X = [0.5, -1.25, 2.0, 3.0, 0.125, -0.75];
const Y = [1.0, 0.0, -1.5, 2.5, 0.5, 0.25];
const V = [1.0, -2.0, 0.5, 0.25, 3.0, -1.0];

describe('MSELoss against PyTorch', () => {
  /*
   * Printed once by PyTorch 2.13.0 (CPU) on these inputs:
   *   x = torch.tensor(X, dtype).reshape(2, 3), y likewise
   *   loss = torch.nn.MSELoss()(x, y); loss.backward(torch.tensor(0.7))
   *   torch.func.jvp(lambda a: torch.nn.MSELoss()(a, y), (x,), (v,))
   * float32: loss 2.5755207538604736, x.grad [-0.11666666716337204, -0.2916666865348816,
   *   0.8166667222976685, 0.11666666716337204, -0.08749999850988388, -0.23333333432674408], jvp 1.25
   * float64: loss 2.5755208333333335, x.grad [-0.11666666666666665, -0.29166666666666663,
   *   0.8166666666666665, 0.11666666666666665, -0.0875, -0.2333333333333333], jvp 1.25
   * and on irrational values in float32 (x = [[0.1, 0.2, 0.3], [π, e, −1/3]],
   * y = [[0.7, −0.2, 1/7], [3.0, 2.5, 0.1]], backward()): loss 0.13336117565631866, x.grad
   * [-0.19999998807907104, 0.13333334028720856, 0.05238095670938492, 0.047197580337524414,
   *   0.07276058197021484, -0.14444445073604584].
   */
  it('float32 and float64: loss, gradient for dout = 0.7, and the JVP', () => {
    const cases = [
      {
        dtype: 'float32' as const,
        loss: 2.5755207538604736,
        grad: [-0.11666666716337204, -0.2916666865348816, 0.8166667222976685, 0.11666666716337204, -0.08749999850988388, -0.23333333432674408],
      },
      {
        dtype: 'float64' as const,
        loss: 2.5755208333333335,
        grad: [-0.11666666666666665, -0.29166666666666663, 0.8166666666666665, 0.11666666666666665, -0.0875, -0.2333333333333333],
      },
    ];
    for (const c of cases) {
      const mse = new MSELoss();
      const loss = mse.forward(Tensor.from(X, [2, 3], c.dtype), Y);
      expect(loss.shape).toEqual([]);
      expect(loss.dtype).toBe(c.dtype);
      const tol = c.dtype === 'float32' ? 1e-7 : 1e-15;
      expect(Math.abs(loss.item() - c.loss) / c.loss).toBeLessThan(tol);
      const dx = mse.backward(Tensor.from([0.7], [], c.dtype));
      dx.toArray().forEach((g, i) => expect(Math.abs(g - c.grad[i]), `${c.dtype} grad[${i}]`).toBeLessThan(tol));
      expect(mse.jvp(Tensor.from(V, [2, 3], c.dtype)).item()).toBeCloseTo(1.25, c.dtype === 'float32' ? 6 : 14);
    }
  });

  it('float32 on values that do not round-trip exactly', () => {
    const mse = new MSELoss();
    const x = Tensor.from([0.1, 0.2, 0.3, Math.PI, Math.E, -1 / 3], [2, 3]);
    const loss = mse.forward(x, [0.7, -0.2, 1 / 7, 3.0, 2.5, 0.1]).item();
    expect(Math.abs(loss - 0.13336117565631866) / loss).toBeLessThan(2e-7);
    const want = [-0.19999998807907104, 0.13333334028720856, 0.05238095670938492, 0.047197580337524414, 0.07276058197021484, -0.14444445073604584];
    mse.backward().toArray().forEach((g, i) => expect(Math.abs(g - want[i]) / Math.abs(want[i])).toBeLessThan(2e-7));
  });
});

describe('MSELoss against tfjs autograd and finite differences', () => {
  it('alone, on a random batch: forward and input gradient within 1e-5 (float32)', () => {
    const rng = createRng(1);
    const x = Tensor.randn([50, 4], rng);
    const y = Float32Array.from({ length: 200 }, () => rng.normal() * 2);
    const r = new TfComparer().compare(new MSELoss(), x, y);
    expect(r.max).toBeLessThan(1e-5);
  });

  it('at the end of an MLP: every parameter gradient within 1e-5, accumulated over two passes', () => {
    const rng = createRng(2);
    const seq = new Sequential(new MLP(6, 3, [16, 8], { activation: 'tanh', rng }), new MSELoss());
    const cmp = new TfComparer();
    for (let pass = 0; pass < 2; pass++) {
      const x = Tensor.randn([20, 6], rng);
      const y = Float64Array.from({ length: 60 }, () => rng.normal());
      const r = cmp.compare(seq, x, y);
      expect(r.params).toHaveLength(6);
      expect(r.max).toBeLessThan(1e-5);
    }
  });

  it('gradcheck in float64', () => {
    const rng = createRng(3);
    const seq = new Sequential(new Linear(3, 2, { rng, wstd: 0.5 }), new MSELoss());
    const r = gradcheck(seq, Tensor.randn([5, 3], rng), Float64Array.from({ length: 10 }, () => rng.normal()));
    console.log(formatGradcheck(r));
    expect(r.maxRelError).toBeLessThan(1e-6);
  });
});

describe('MSELoss behaviour', () => {
  it('backward() uses 1; a scalar dout scales; params() is empty; clone and toString', () => {
    const mse = new MSELoss();
    mse.forward(Tensor.from(X, [2, 3], 'float64'), Y);
    const one = mse.backward().toArray();
    expect(mse.backward(Tensor.from([1], [1], 'float64')).toArray()).toEqual(one);
    mse.backward(Tensor.from([-3], [], 'float64')).toArray().forEach((g, i) => expect(g).toBeCloseTo(-3 * one[i], 15));
    expect(mse.params()).toEqual([]);
    expect(String(mse)).toBe('MSELoss');
    const copy = mse.eval().clone();
    expect(copy).toBeInstanceOf(MSELoss);
    expect(copy.training).toBe(false);
    expect(() => copy.backward()).toThrow(/MSELoss.backward: expected a forward pass first/);
  });

  it('copies its targets: changing the caller’s array before backward changes nothing', () => {
    const mse = new MSELoss();
    const y = Float64Array.from(Y);
    mse.forward(Tensor.from(X, [2, 3], 'float64'), y);
    const before = mse.backward().toArray();
    y.fill(100);
    expect(mse.backward().toArray()).toEqual(before);
  });

  it('refuses inputs that are not [N, D] and targets that are missing, of the wrong count or not finite', () => {
    const mse = new MSELoss();
    expect(() => mse.forward(Tensor.zeros([6]), Y)).toThrow('MSELoss.forward: expected input of shape [N, D] (predictions), got [6]');
    expect(() => mse.forward(Tensor.zeros([2, 3]))).toThrow('MSELoss.forward: expected targets y, 6 numbers (N·D = 2·3, one per prediction), got undefined');
    expect(() => mse.forward(Tensor.zeros([2, 3]), [1, 2, 3])).toThrow('MSELoss.forward: expected 6 targets (N·D = 2·3, one per prediction), got 3');
    expect(() => mse.forward(Tensor.zeros([2, 3]), [1, 2])).toThrow(
      'MSELoss.forward: expected 6 targets (N·D = 2·3, one per prediction), got 2 (class labels? MSELoss takes one target per output)',
    );
    const bad = [0, 1, 2, 3, Number.NaN, 5];
    expect(() => mse.forward(Tensor.zeros([2, 3]), bad)).toThrow(RangeError);
    expect(() => mse.forward(Tensor.zeros([2, 3]), bad)).toThrow('MSELoss.forward: expected targets to be finite numbers, got NaN at index 4 (row 1, column 1)');
    expect(() => mse.backward()).toThrow(/expected a forward pass first/);
    mse.forward(Tensor.zeros([2, 3]), Y);
    expect(() => mse.backward(Tensor.zeros([2]))).toThrow('MSELoss.backward: expected dout of shape [] (the last output\'s), got [2]');
  });
});

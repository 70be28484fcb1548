/**
 * The homework notebook's tests, with its sizes, against an independent autograd
 * (TensorFlow.js) instead of PyTorch: forward outputs, input gradients and every parameter
 * gradient within a relative error (‖a−b‖∞ / max(‖a‖∞, ‖b‖∞)) of 1e-5 in float32.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CrossEntropyLoss,
  LeakyReLU,
  Linear,
  MLP,
  ReLU,
  Sequential,
  Sigmoid,
  TanH,
  Tensor,
  createRng,
  manualSeed,
  type Layer,
} from './index';
import { TfComparer, initTf, relError, tfReference } from './testing/tf-reference';

const N = 100;
const IN = 200;
const CLASSES = 10;
const TOL = 1e-5;

beforeAll(initTf);

/** The notebook's test_block_grad: every relative error within TOL. */
function testBlockGrad(cmp: TfComparer, layer: Layer, x: Tensor, y?: ArrayLike<number>): void {
  const r = cmp.compare(layer, x, y);
  expect(r.forward).toBeLessThanOrEqual(TOL);
  expect(r.input).toBeLessThanOrEqual(TOL);
  expect(r.params).toHaveLength(layer.params().length);
  for (const e of r.params) expect(e).toBeLessThanOrEqual(TOL);
}

function labels(n: number, c: number, seed: number): Int32Array {
  const rng = createRng(seed);
  return Int32Array.from({ length: n }, () => rng.int(c));
}

describe('activation functions', () => {
  it('LeakyReLU(alpha=0.1) on 100×200', () => {
    const rng = createRng(1);
    const lrelu = new LeakyReLU(0.1);
    const x = Tensor.randn([N, IN], rng);
    const z = lrelu.forward(x);
    expect(z.shape).toEqual(x.shape);
    // The forward pass against max(αx, x) written out here.
    expect(relError(z.data, x.data.map((v) => Math.max(0.1 * v, v)))).toBeLessThanOrEqual(1e-7);
    testBlockGrad(new TfComparer(), lrelu, x);
  });

  it('ReLU on 100×200', () => {
    const relu = new ReLU();
    const x = Tensor.randn([N, IN], createRng(2));
    const z = relu.forward(x);
    expect(z.shape).toEqual(x.shape);
    expect(relError(z.data, x.data.map((v) => Math.max(0, v)))).toBe(0);
    testBlockGrad(new TfComparer(), relu, x);
  });

  it('Sigmoid on a 3-D input, 100×200×200', () => {
    const sigmoid = new Sigmoid();
    const x = Tensor.randn([N, IN, IN], createRng(3));
    const z = sigmoid.forward(x);
    expect(z.shape).toEqual([N, IN, IN]);
    testBlockGrad(new TfComparer(), sigmoid, x);
  });

  it('TanH on a 3-D input, 100×200×200', () => {
    const tanh = new TanH();
    const x = Tensor.randn([N, IN, IN], createRng(4));
    const z = tanh.forward(x);
    expect(z.shape).toEqual([N, IN, IN]);
    testBlockGrad(new TfComparer(), tanh, x);
  });
});

describe('Linear', () => {
  it('200 → 1000, then a second backward pass that accumulates into the parameter gradients', () => {
    const rng = createRng(5);
    const fc = new Linear(IN, 1000, { rng });
    const x = Tensor.randn([N, IN], rng);
    const z = fc.forward(x);
    expect(z.shape).toEqual([N, 1000]);
    // tfjs's dense layer with the same w and b.
    const ref = tfReference(fc, x, undefined, Tensor.zeros([N, 1000]));
    expect(relError(z.data, ref.out)).toBeLessThanOrEqual(TOL);

    const cmp = new TfComparer();
    testBlockGrad(cmp, fc, x);
    const dw1 = fc.dw.clone();

    // Second backward pass: two more forwards, then a backward without zeroGrad.
    const x2 = Tensor.randn([N, IN], rng);
    fc.forward(x2);
    fc.forward(x2);
    testBlockGrad(cmp, fc, x2);
    // The gradient is now the sum of both passes, not the second alone.
    const second = tfReference(fc, x2, undefined, Tensor.randn([N, 1000], createRng(42)));
    expect(relError(fc.dw.data, second.dparams[0])).toBeGreaterThan(0.1);
    expect(relError(fc.dw.data, dw1.data.map((v, i) => v + second.dparams[0][i]))).toBeLessThanOrEqual(TOL);
  });
});

describe('CrossEntropyLoss', () => {
  it('100×10 scores with random labels', () => {
    const ce = new CrossEntropyLoss();
    const scores = Tensor.randn([N, CLASSES], createRng(6));
    const y = labels(N, CLASSES, 7);
    const loss = ce.forward(scores, y);
    expect(loss.shape).toEqual([]);
    // The loss written out: mean over rows of −x_y + log Σ e^x, in float64.
    let expected = 0;
    for (let r = 0; r < N; r++) {
      const row = Array.from(scores.data.subarray(r * CLASSES, (r + 1) * CLASSES));
      expected += -row[y[r]] + Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
    }
    expected /= N;
    expect(Math.abs(loss.item() - expected)).toBeLessThan(1e-5);
    console.log('loss=', loss.item());
    testBlockGrad(new TfComparer(), ce, scores, y);
  });
});

describe('Sequential', () => {
  it('the notebook’s 12 layers, end to end', () => {
    manualSeed(8);
    const seq = new Sequential(
      new Linear(IN, 100),
      new Linear(100, 200),
      new Linear(200, 100),
      new ReLU(),
      new Linear(100, 500),
      new LeakyReLU(0.01),
      new Linear(500, 200),
      new ReLU(),
      new Linear(200, 500),
      new LeakyReLU(0.1),
      new Linear(500, 1),
      new Sigmoid(),
    );
    expect(seq.length).toBe(12);
    const x = Tensor.randn([N, IN], createRng(9));
    expect(seq.forward(x).shape).toEqual([N, 1]);
    const cmp = new TfComparer();
    const r = cmp.compare(seq, x);
    expect(r.params).toHaveLength(14);
    expect(r.max).toBeLessThanOrEqual(TOL);
  });
});

describe('MLP', () => {
  it('prints as the notebook shows it', () => {
    const mlp = new MLP(10, CLASSES, [100, 50, 100]);
    console.log(String(mlp));
    expect(String(mlp)).toBe(
      [
        'MLP, Sequential',
        '\t[0] Linear(in_features=10, out_features=100)',
        '\t[1] ReLU',
        '\t[2] Linear(in_features=100, out_features=50)',
        '\t[3] ReLU',
        '\t[4] Linear(in_features=50, out_features=100)',
        '\t[5] ReLU',
        '\t[6] Linear(in_features=100, out_features=10)',
      ].join('\n'),
    );
  });

  for (const activation of ['relu', 'sigmoid'] as const) {
    it(`10 → [100, 50, 100] → 10 with ${activation}, then CrossEntropyLoss in a Sequential`, () => {
      const inF = 10;
      const rng = createRng(activation === 'relu' ? 10 : 11);
      const mlp = new MLP(inF, CLASSES, [100, 50, 100], { activation, rng });
      const seq = mlp.sequence.layers;
      expect(seq).toHaveLength(7);
      let numLinear = 0;
      for (let i = 0; i + 1 < seq.length; i++) {
        if (String(seq[i + 1]).toLowerCase() === activation) {
          expect(String(seq[i]).startsWith('Linear')).toBe(true);
          numLinear++;
        }
      }
      expect(String(seq[seq.length - 1]).startsWith('Linear')).toBe(true);
      expect(numLinear).toBe(3);

      const x = Tensor.randn([N, inF], rng);
      const y = labels(N, CLASSES, 12);
      expect(mlp.forward(x).shape).toEqual([N, CLASSES]);

      const seqMlp = new Sequential(mlp, new CrossEntropyLoss());
      const loss = seqMlp.forward(x, y);
      expect(loss.ndim).toBe(0);
      console.log(`MLP loss=${loss.item()}, activation=${activation}`);

      const r = new TfComparer().compare(seqMlp, x, y);
      expect(r.params).toHaveLength(8);
      expect(r.max).toBeLessThanOrEqual(TOL);
    });
  }
});

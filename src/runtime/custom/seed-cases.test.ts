/**
 * The homework's layer tests, with its sizes, run on the built-in layers re-written as
 * Custom layers: the same forward outputs and gradients as the built-ins, and the same
 * gradient-check report (`input diff=0.000`, `param#01 diff=0.000`, …).
 */
import { describe, expect, it } from 'vitest';
import { createRng, formatGradcheck, gradcheck, LeakyReLU, Linear, Sigmoid, TanH, Tensor, type Layer } from '../../engine';
import { compileCode } from './compile-code';
import { CustomLayer } from './custom-layer';

const N = 100;
const IN = 200;
const OUT = 1000;

const LEAKY_RELU = `export default class LeakyReLU extends Layer {
  forward(x) { this.x = x; return x.map((v) => (v > 0 ? v : 0.1 * v)); }
  backward(dout) { return dout.zip(this.x, (g, v) => (v > 0 ? g : 0.1 * g)); }
}`;
const SIGMOID = `export default class Sigmoid extends Layer {
  forward(x) { this.s = x.map((v) => 1 / (1 + Math.exp(-v))); return this.s; }
  // σ′ = σ(1 − σ)
  backward(dout) { return dout.zip(this.s, (g, s) => g * s * (1 - s)); }
}`;
const TANH = `export default class TanH extends Layer {
  forward(x) { this.t = x.tanh(); return this.t; }
  backward(dout) { return dout.zip(this.t, (g, t) => g * (1 - t * t)); }
}`;
const LINEAR = `export default class Linear extends Layer {
  constructor(inFeatures, outFeatures) {
    super();
    this.w = this.param('w', randn([outFeatures, inFeatures], 0.1));
    this.b = this.param('b', zeros([outFeatures]));
  }
  forward(x) { this.x = x; return x.matmul(this.w.value.T()).add(this.b.value); }
  backward(dout) {
    this.w.grad.addInPlace(dout.T().matmul(this.x));
    this.b.grad.addInPlace(dout.sum(0));
    return dout.matmul(this.w.value);
  }
}`;

function custom(code: string, inF: number, outF: number): CustomLayer {
  return new CustomLayer(compileCode(code), code, inF, outF, createRng(1));
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Forward, backward and the gradient check of both layers on the same x and the same dout. */
function compare(builtin: Layer, mine: Layer, x: Tensor, maxEntries = 256) {
  const zb = builtin.forward(x), zm = mine.forward(x);
  expect(zm.shape).toEqual(zb.shape);
  // Relative to the output's scale: float32 sums in another order differ in the last bits.
  expect(maxDiff(zm.data, zb.data) / Math.max(1, maxAbs(zb.data))).toBeLessThanOrEqual(1e-6);
  const dout = Tensor.randn(zb.shape, createRng(9));
  builtin.zeroGrad();
  mine.zeroGrad();
  expect(maxDiff(mine.backward(dout).data, builtin.backward(dout).data)).toBeLessThanOrEqual(1e-5);
  builtin.params().forEach((p, k) => expect(maxDiff(mine.params()[k].grad.data, p.grad.data)).toBeLessThanOrEqual(1e-5 * Math.max(1, maxAbs(p.grad.data))));
  const rb = gradcheck(builtin, x, undefined, { maxEntries });
  const rm = gradcheck(mine, x, undefined, { maxEntries });
  const diffs = (text: string) => text.split('\n').map((l) => l.replace(/\s+\(.*$/, ''));
  // The homework's lines, as the built-in's: `input    diff=0.000`, `param#01 diff=0.000`, …
  expect(diffs(formatGradcheck(rm))).toEqual(diffs(formatGradcheck(rb)));
  for (const line of diffs(formatGradcheck(rm))) expect(line).toMatch(/diff=0\.000$/);
  expect(rm.maxRelError).toBeLessThan(1e-6);
}

describe("the homework's layer tests, on built-in layers re-written as Custom layers", () => {
  it('LeakyReLU(alpha=0.1) on 100×200', () => {
    compare(new LeakyReLU(0.1), custom(LEAKY_RELU, IN, IN), Tensor.randn([N, IN], createRng(1)));
  });

  it('Sigmoid on a 3-D input, 100×200×200', () => {
    compare(new Sigmoid(), custom(SIGMOID, IN, IN), Tensor.randn([N, IN, IN], createRng(3)), 4);
  }, 120_000);

  it('TanH on a 3-D input, 100×200×200', () => {
    compare(new TanH(), custom(TANH, IN, IN), Tensor.randn([N, IN, IN], createRng(4)), 4);
  }, 120_000);

  it('Linear 200 → 1000, with the same weights, and twice without zeroing (gradients accumulate)', () => {
    const fc = new Linear(IN, OUT, { rng: createRng(5) });
    const mine = custom(LINEAR, IN, OUT);
    fc.params().forEach((p, k) => mine.params()[k].value.data.set(p.value.data));
    const x = Tensor.randn([N, IN], createRng(6));
    compare(fc, mine, x, 8);
    // The notebook's second backward pass: both accumulate the same sums.
    const dout = Tensor.randn([N, OUT], createRng(10));
    fc.forward(x);
    mine.forward(x);
    fc.backward(dout);
    mine.backward(dout);
    fc.params().forEach((p, k) => expect(maxDiff(mine.params()[k].grad.data, p.grad.data)).toBeLessThanOrEqual(1e-3));
  }, 120_000);
});

/**
 * jvp's contract at the edges, per layer (as tfjs tests each op): shapes of every rank,
 * empty batches, dtypes, NaN and infinities, and the errors for misuse.
 */
import { describe, expect, it } from 'vitest';
import {
  CrossEntropyLoss,
  Dropout,
  Layer,
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
} from './index';

const elementwise = (): [string, Layer][] => [
  ['LeakyReLU(alpha=0.2)', new LeakyReLU(0.2)],
  ['ReLU', new ReLU()],
  ['Sigmoid', new Sigmoid()],
  ['TanH', new TanH()],
  ['Dropout(p=0.5)', new Dropout(0.5, { rng: createRng(1) })],
];

/** `fn` throws exactly `message`, as an instance of `kind`. */
function throws(fn: () => unknown, kind: typeof Error, message: string): void {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected to throw: ${message}`).toBeInstanceOf(kind);
  expect((caught as Error).message).toBe(message);
}

describe('shapes and dtypes', () => {
  it('elementwise layers and Dropout: tangents of rank 0 to 4 keep their shape and dtype', () => {
    for (const shape of [[], [5], [2, 3], [2, 3, 4], [1, 2, 3, 2]]) {
      for (const dtype of ['float32', 'float64'] as const) {
        for (const [name, layer] of elementwise()) {
          const x = Tensor.randn(shape, createRng(2), 1, dtype);
          layer.forward(x);
          const dz = layer.jvp(Tensor.randn(shape, createRng(3), 1, dtype));
          expect(dz.shape, name).toEqual(shape);
          expect(dz.dtype, name).toBe(dtype);
          const zero = layer.jvp(null);
          expect(zero.shape, name).toEqual(shape);
          expect(zero.dtype, name).toBe(dtype);
          expect(zero.toArray().every((v) => v === 0), name).toBe(true);
        }
      }
    }
  });

  it('Linear: leading dimensions kept, [N, in] → [N, out]; an empty batch gives an empty tangent', () => {
    const fc = new Linear(4, 3, { rng: createRng(4), dtype: 'float64' });
    fc.forward(Tensor.randn([2, 5, 4], createRng(5), 1, 'float64'));
    const dz = fc.jvp(Tensor.randn([2, 5, 4], createRng(6), 1, 'float64'), [Tensor.zeros([3, 4], 'float64'), null]);
    expect(dz.shape).toEqual([2, 5, 3]);
    expect(dz.dtype).toBe('float64');
    fc.forward(Tensor.zeros([0, 4], 'float64'));
    expect(fc.jvp(Tensor.zeros([0, 4], 'float64'), [Tensor.full([3, 4], 1, 'float64'), Tensor.full([3], 1, 'float64')]).shape).toEqual([0, 3]);
  });

  it('Linear: dZ = dX·Wᵀ + X·dWᵀ + db, written out here', () => {
    const fc = new Linear(2, 2, { dtype: 'float64' });
    fc.w.data.set([1, 2, 3, 4]);
    fc.forward(Tensor.from([1, -1, 2, 0.5], [2, 2], 'float64'));
    const dx = Tensor.from([0.5, 1, -1, 0], [2, 2], 'float64');
    const dw = Tensor.from([1, 0, 0, -2], [2, 2], 'float64');
    const db = Tensor.from([10, 20], [2], 'float64');
    // dX·Wᵀ = [[2.5, 5.5], [-1, -3]]; X·dWᵀ = [[1, 2], [2, -1]]
    expect(fc.jvp(dx).toArray()).toEqual([2.5, 5.5, -1, -3]);
    expect(fc.jvp(null, [dw, null]).toArray()).toEqual([1, 2, 2, -1]);
    expect(fc.jvp(null, [null, db]).toArray()).toEqual([10, 20, 10, 20]);
    expect(fc.jvp(dx, [dw, db]).toArray()).toEqual([13.5, 27.5, 11, 16]);
  });

  it('the losses: a scalar tangent of shape [] in the scores’ dtype; an empty batch gives 0', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const ce = new CrossEntropyLoss();
      ce.forward(Tensor.randn([3, 4], createRng(7), 1, dtype), [0, 3, 1]);
      const t = ce.jvp(Tensor.randn([3, 4], createRng(8), 1, dtype));
      expect(t.shape).toEqual([]);
      expect(t.dtype).toBe(dtype);
      const mse = new MSELoss();
      mse.forward(Tensor.randn([3, 2], createRng(9), 1, dtype), [1, 2, 3, 4, 5, 6]);
      expect(mse.jvp(Tensor.randn([3, 2], createRng(10), 1, dtype)).shape).toEqual([]);
      expect(mse.jvp(null).item()).toBe(0);
    }
    const ce = new CrossEntropyLoss();
    ce.forward(Tensor.zeros([0, 3]), []);
    expect(ce.jvp(Tensor.zeros([0, 3])).item()).toBe(0);
    const mse = new MSELoss();
    mse.forward(Tensor.zeros([0, 3]), []);
    expect(mse.jvp(Tensor.zeros([0, 3])).item()).toBe(0);
  });

  it('CrossEntropyLoss: the tangent is Σₙ ⟨softmax − onehot, dx[n]⟩ / N; constant shifts of a row change nothing', () => {
    const ce = new CrossEntropyLoss();
    ce.forward(Tensor.from([0, Math.log(3), 1, 1], [2, 2], 'float64'), [0, 1]);
    // softmax rows [¼, ¾], [½, ½]; dx = e₀ in row 0: (¼ − 1)/2.
    expect(ce.jvp(Tensor.from([1, 0, 0, 0], [2, 2], 'float64')).item()).toBeCloseTo(-0.375, 15);
    expect(ce.jvp(Tensor.from([5, 5, -2, -2], [2, 2], 'float64')).item()).toBeCloseTo(0, 15);
  });

  it('a float64 tangent through a float32 layer is accepted (the result is in the layer’s dtype)', () => {
    const fc = new Linear(3, 2, { rng: createRng(11) });
    fc.forward(Tensor.randn([4, 3], createRng(12)));
    const a = fc.jvp(Tensor.full([4, 3], 0.5, 'float64'));
    const b = fc.jvp(Tensor.full([4, 3], 0.5));
    expect(a.dtype).toBe('float32');
    expect(a.toArray()).toEqual(b.toArray());
  });
});

describe('non-finite values', () => {
  it('a NaN in the tangent reaches exactly the outputs that depend on it', () => {
    for (const [name, layer] of elementwise()) {
      layer.forward(Tensor.randn([3, 4], createRng(13)));
      const dx = Tensor.randn([3, 4], createRng(14));
      dx.data[5] = Number.NaN;
      const dz = layer.jvp(dx).toArray();
      const dropped = layer instanceof Dropout && (layer.mask as Tensor).data[5] === 0;
      // A dropped unit multiplies by 0, and 0·NaN is NaN, as in backward and IEEE arithmetic.
      expect(Number.isNaN(dz[5]), `${name}${dropped ? ' (dropped)' : ''}`).toBe(true);
      expect(dz.filter(Number.isNaN), name).toHaveLength(1);
    }
    const fc = new Linear(4, 3, { rng: createRng(15) });
    fc.forward(Tensor.randn([2, 4], createRng(16)));
    const dx = Tensor.zeros([2, 4]);
    dx.data[6] = Number.NaN; // row 1: every output of row 1, none of row 0
    expect(fc.jvp(dx).toArray().map(Number.isNaN)).toEqual([false, false, false, true, true, true]);
  });

  it('elementwise JVPs treat a non-finite input exactly as backward does (the same diagonal)', () => {
    const x = Tensor.from([Number.NaN, Infinity, -Infinity, 0, -0, 1e-30], [6], 'float64');
    const v = Tensor.from([1, 2, 3, 4, 5, 6], [6], 'float64');
    for (const [name, layer] of elementwise()) {
      if (layer instanceof Dropout) continue;
      layer.forward(x);
      expect(layer.jvp(v).toArray(), name).toEqual(layer.backward(v).toArray());
    }
    const s = new Sigmoid();
    s.forward(x);
    // σ′(±∞) = 0: saturated units pass no tangent.
    expect(s.jvp(v).toArray().slice(1, 3)).toEqual([0, 0]);
  });

  it('CrossEntropyLoss stays finite with logits of ±1000; an infinite tangent gives an infinite result', () => {
    const ce = new CrossEntropyLoss();
    ce.forward(Tensor.from([1000, -1000, 0, -1000, 1000, 1000], [2, 3]), [0, 2]);
    // Row 0: softmax [1, 0, 0] − e₀ = 0. Row 1: [0, ½, ½] − e₂ = [0, ½, −½].
    expect(ce.jvp(Tensor.from([7, 7, 7, 1, 4, 2], [2, 3])).item()).toBeCloseTo((0 + 0.5 * 4 - 0.5 * 2) / 2, 6);
    expect(ce.jvp(Tensor.from([0, 0, 0, 0, Infinity, 0], [2, 3])).item()).toBe(Infinity);
  });

  it('MSELoss: a tangent of a perfect prediction is 0; large errors stay finite', () => {
    const mse = new MSELoss();
    mse.forward(Tensor.from([1, 2, 3, 4], [2, 2]), [1, 2, 3, 4]);
    expect(mse.jvp(Tensor.randn([2, 2], createRng(17))).item()).toBe(0);
    mse.forward(Tensor.from([1e18, -1e18], [1, 2]), [0, 0]);
    expect(mse.jvp(Tensor.from([1, 1], [1, 2])).item()).toBe(0);
    expect(mse.jvp(Tensor.from([1, 0], [1, 2])).item()).toBeCloseTo(1e18, -12);
  });
});

describe('errors name the layer, what it expected and what it got', () => {
  const LIN = 'Linear(in_features=4, out_features=3)';

  it('jvp before any forward', () => {
    const layers: Layer[] = [new Linear(4, 3), new ReLU(), new Sigmoid(), new TanH(), new Dropout(0.3), new CrossEntropyLoss(), new MSELoss()];
    for (const l of layers) {
      throws(() => l.jvp(Tensor.zeros([2, 4])), Error, `${String(l)}.jvp: expected a forward pass first (jvp differentiates at the last one), got jvp before any forward`);
    }
  });

  it('a tangent of the wrong shape, or not a tensor', () => {
    const fc = new Linear(4, 3);
    fc.forward(Tensor.zeros([2, 4]));
    throws(() => fc.jvp(Tensor.zeros([3, 4])), Error, `${LIN}.jvp: expected dx of shape [2, 4] (the last input's), got [3, 4]`);
    throws(() => fc.jvp([1, 2] as unknown as Tensor), TypeError, `${LIN}.jvp: expected dx to be a Tensor of shape [2, 4] or null, got [1, 2]`);
    const relu = new ReLU();
    relu.forward(Tensor.zeros([2, 2]));
    throws(() => relu.jvp(Tensor.zeros([4])), Error, "ReLU.jvp: expected dx of shape [2, 2] (the last input's), got [4]");
    const ce = new CrossEntropyLoss();
    ce.forward(Tensor.zeros([2, 3]), [0, 1]);
    throws(() => ce.jvp(Tensor.zeros([3, 2])), Error, "CrossEntropyLoss.jvp: expected dx of shape [2, 3] (the last scores'), got [3, 2]");
    const mse = new MSELoss();
    mse.forward(Tensor.zeros([2, 3]), [0, 1, 2, 3, 4, 5]);
    throws(() => mse.jvp(Tensor.zeros([6])), Error, "MSELoss.jvp: expected dx of shape [2, 3] (the last predictions'), got [6]");
  });

  it('parameter tangents: one per parameter, each of that parameter’s shape', () => {
    const fc = new Linear(4, 3);
    fc.forward(Tensor.zeros([2, 4]));
    throws(() => fc.jvp(null, [Tensor.zeros([3, 4])]), Error, `${LIN}.jvp: expected dparams to hold 2 tangents, one per parameter (w, b), got 1`);
    throws(() => fc.jvp(null, [Tensor.zeros([4, 3]), null]), Error, `${LIN}.jvp: expected dparams[0] of shape [3, 4] (the shape of w), got [4, 3]`);
    throws(() => fc.jvp(null, [null, Tensor.zeros([4])]), Error, `${LIN}.jvp: expected dparams[1] of shape [3] (the shape of b), got [4]`);
    throws(() => fc.jvp(null, 'w' as unknown as Tensor[]), TypeError, `${LIN}.jvp: expected dparams to be an array of 2 tangents (one per parameter), got "w"`);
    const relu = new ReLU();
    relu.forward(Tensor.zeros([2]));
    throws(() => relu.jvp(null, [Tensor.zeros([2])]), Error, 'ReLU.jvp: expected dparams to hold 0 tangents, one per parameter, got 1');
    expect(relu.jvp(null, []).toArray()).toEqual([0, 0]);
  });

  it('Sequential and MLP check the count and shapes, naming the index and parameter in their own list', () => {
    const mlp = new MLP(3, 2, [4], { rng: createRng(18) });
    mlp.forward(Tensor.zeros([1, 3]));
    throws(() => mlp.jvp(null, [null]), Error, 'Sequential.jvp: expected dparams to hold 4 tangents, one per parameter (0.w, 0.b, 2.w, 2.b), got 1');
    throws(
      () => mlp.jvp(null, [null, null, Tensor.zeros([4, 2]), null]),
      Error,
      'Sequential.jvp: expected dparams[2] of shape [2, 4] (the shape of 2.w), got [4, 2]',
    );
    throws(() => new Sequential().jvp(null), Error, 'Sequential.jvp: expected dx for an empty Sequential, got nothing');
    const dx = Tensor.zeros([2]);
    expect(new Sequential().jvp(dx)).toBe(dx);
  });
});

describe('the contract', () => {
  it('jvp is abstract on Layer: a layer without one does not compile (npm run typecheck)', () => {
    // @ts-expect-error: Non-abstract class 'NoJvp' does not implement inherited abstract member jvp.
    class NoJvp extends Layer {
      forward(x: Tensor): Tensor {
        return x;
      }
      backward(dout?: Tensor): Tensor {
        return dout as Tensor;
      }
      clone(): NoJvp {
        return new NoJvp();
      }
      toString(): string {
        return 'NoJvp';
      }
    }
    expect(typeof (new NoJvp() as unknown as { jvp?: unknown }).jvp).toBe('undefined');
  });
});

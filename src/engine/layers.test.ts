/** Behaviour of the layers beyond their gradients: dropout, the loss's edge cases, layouts, modes, seeds. */
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
  defaultRng,
  manualSeed,
  walkLayers,
  type Layer,
} from './index';

describe('Dropout', () => {
  const n = 200_000;

  for (const p of [0.1, 0.5, 0.6, 0.9]) {
    it(`p=${p}: keeps 1−p of a large tensor, scaled by exactly 1/(1−p)`, () => {
      const d = new Dropout(p, { rng: createRng(1) });
      const x = Tensor.randn([400, n / 400], createRng(2), 1, 'float64');
      const z = d.forward(x);
      let kept = 0;
      for (let i = 0; i < n; i++) {
        if (z.data[i] === 0) continue;
        kept++;
        if (z.data[i] !== x.data[i] * (1 / (1 - p))) throw new Error(`element ${i}: ${z.data[i]} is not ${x.data[i]}/(1−${p})`);
      }
      // Binomial(n, 1−p): 5 standard deviations.
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(kept - n * (1 - p))).toBeLessThan(5 * sd);
    });
  }

  it('float32: the kept scale is 1/(1−p) rounded to float32, the same in both passes', () => {
    const p = 0.3;
    const scale = Math.fround(1 / 0.7);
    const d = new Dropout(p, { rng: createRng(3) });
    const x = Tensor.randn([50, 40], createRng(4));
    const z = d.forward(x);
    const g = Tensor.randn([50, 40], createRng(5));
    const dx = d.backward(g);
    const mask = d.mask as Tensor;
    expect(mask.dtype).toBe('float32');
    for (let i = 0; i < x.size; i++) {
      expect(mask.data[i] === 0 || mask.data[i] === scale).toBe(true);
      expect(z.data[i]).toBe(Math.fround(x.data[i] * mask.data[i]));
      expect(dx.data[i]).toBe(Math.fround(g.data[i] * mask.data[i]));
    }
  });

  it('the gradient flows only through kept units, with the same scale', () => {
    const d = new Dropout(0.5, { rng: createRng(6) });
    const x = Tensor.randn([30, 30], createRng(7), 1, 'float64');
    const z = d.forward(x);
    const g = Tensor.randn([30, 30], createRng(8), 1, 'float64');
    const dx = d.backward(g);
    let dropped = 0;
    for (let i = 0; i < x.size; i++) {
      if (z.data[i] === 0) {
        dropped++;
        expect(Math.abs(dx.data[i])).toBe(0);
      } else expect(dx.data[i]).toBe(g.data[i] * 2);
    }
    expect(dropped).toBeGreaterThan(300);
  });

  it('is the identity in evaluation mode, forward and backward, and draws nothing', () => {
    const rng = createRng(9);
    const d = new Dropout(0.6, { rng }).eval();
    const before = rng.getState();
    const x = Tensor.randn([10, 10], createRng(10));
    const z = d.forward(x);
    expect(z.toArray()).toEqual(x.toArray());
    expect(z.data).not.toBe(x.data);
    expect(d.mask).toBeNull();
    const g = Tensor.randn([10, 10], createRng(11));
    expect(d.backward(g).toArray()).toEqual(g.toArray());
    expect(rng.getState()).toEqual(before);
  });

  it('p=0 keeps everything; p=1 drops everything', () => {
    const x = Tensor.randn([20, 20], createRng(12));
    expect(new Dropout(0).forward(x).toArray()).toEqual(x.toArray());
    expect(new Dropout(1).forward(x).toArray().every((v) => v === 0)).toBe(true);
  });

  it('same seed → same mask; different seeds → different masks; successive draws differ', () => {
    const x = Tensor.full([64, 64], 1);
    const a = new Dropout(0.5, { rng: createRng(13) });
    const b = new Dropout(0.5, { rng: createRng(13) });
    const c = new Dropout(0.5, { rng: createRng(14) });
    const ma = a.forward(x).toArray();
    expect(b.forward(x).toArray()).toEqual(ma);
    expect(c.forward(x).toArray()).not.toEqual(ma);
    expect(a.forward(x).toArray()).not.toEqual(ma);
  });

  it('a clone draws the masks the original would', () => {
    const d = new Dropout(0.5, { rng: createRng(15) });
    const x = Tensor.full([16, 16], 1);
    d.forward(x);
    const copy = d.clone();
    expect(copy.forward(x).toArray()).toEqual(d.forward(x).toArray());
  });

  it('a cloned network whose dropout layers share one generator still shares it, drawing the same masks', () => {
    const mlp = new MLP(8, 3, [16, 16, 16], { dropout: 0.5, rng: createRng(16) });
    const copy = mlp.clone();
    const drops = (m: MLP) => m.sequence.layers.filter((l): l is Dropout => l instanceof Dropout);
    expect(new Set(drops(copy).map((d) => d.rng)).size).toBe(1);
    expect(drops(copy)[0].rng).not.toBe(drops(mlp)[0].rng);
    const x = Tensor.randn([4, 8], createRng(17));
    for (let i = 0; i < 3; i++) expect(copy.forward(x).toArray()).toEqual(mlp.forward(x).toArray());
  });
});

describe('CrossEntropyLoss', () => {
  it('stays finite and correct with logits of ±1000', () => {
    const ce = new CrossEntropyLoss();
    const x = Tensor.from([1000, -1000, 0, -1000, 1000, 1000, 1000, 1000, -1000], [3, 3]);
    const loss = ce.forward(x, [0, 0, 2]);
    // Row 0: the label has the largest score by 1000 → 0. Row 1: −(−1000) + log(2e^1000) = 2000 + log 2.
    // Row 2: the label is 2000 below the two others → 2000 + log 2.
    const expected = (0 + (2000 + Math.LN2) + (2000 + Math.LN2)) / 3;
    expect(Number.isFinite(loss.item())).toBe(true);
    expect(loss.item()).toBeCloseTo(expected, 3);
    const dx = ce.backward();
    expect(dx.toArray().every(Number.isFinite)).toBe(true);
    // softmax rows: [1, 0, 0], [0, ½, ½], [½, ½, 0]; minus one-hot; over N = 3.
    const want = [0, 0, 0, -1, 0.5, 0.5, 0.5, 0.5, -1].map((v) => v / 3);
    dx.toArray().forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
  });

  it('returns a scalar of shape []; backward() without an argument uses 1; a scalar dout scales', () => {
    const ce = new CrossEntropyLoss();
    const x = Tensor.randn([4, 3], createRng(16));
    const loss = ce.forward(x, [0, 1, 2, 1]);
    expect(loss.shape).toEqual([]);
    expect(loss.ndim).toBe(0);
    const d1 = ce.backward();
    const dOne = ce.backward(Tensor.from([1], []));
    const dTwo = ce.backward(Tensor.from([2], []));
    expect(d1.toArray()).toEqual(dOne.toArray());
    dTwo.toArray().forEach((v, i) => expect(v).toBeCloseTo(2 * d1.data[i], 7));
    // Each row of the gradient sums to 0 (softmax minus a one-hot).
    for (let r = 0; r < 4; r++) expect(Math.abs(d1.data[3 * r] + d1.data[3 * r + 1] + d1.data[3 * r + 2])).toBeLessThan(1e-7);
  });

  it('copies its labels: reusing the caller’s buffer before backward changes nothing', () => {
    const ce = new CrossEntropyLoss();
    const x = Tensor.randn([3, 4], createRng(17));
    const y = Int32Array.from([0, 1, 2]);
    ce.forward(x, y);
    const before = ce.backward().toArray();
    y.set([3, 3, 3]);
    expect(ce.backward().toArray()).toEqual(before);
    expect(Array.from(ce.lastLabels as Int32Array)).toEqual([0, 1, 2]);
  });

  it('exposes the softmax of the last scores (a copy)', () => {
    const ce = new CrossEntropyLoss();
    ce.forward(Tensor.from([0, Math.log(3)], [1, 2]), [0]);
    const p = ce.probabilities as Tensor;
    expect(p.toArray()[0]).toBeCloseTo(0.25, 6);
    expect(p.toArray()[1]).toBeCloseTo(0.75, 6);
    p.data[0] = 9;
    expect((ce.probabilities as Tensor).data[0]).toBeCloseTo(0.25, 6);
  });
});

describe('names, layouts, parameters and modes', () => {
  it('toString of every layer', () => {
    expect(String(new Linear(10, 100))).toBe('Linear(in_features=10, out_features=100)');
    expect(String(new ReLU())).toBe('ReLU');
    expect(String(new LeakyReLU(0.1))).toBe('LeakyReLU(alpha=0.1)');
    expect(String(new LeakyReLU())).toBe('LeakyReLU(alpha=0.01)');
    expect(String(new Sigmoid())).toBe('Sigmoid');
    expect(String(new TanH())).toBe('TanH');
    expect(String(new Dropout(0.6))).toBe('Dropout(p=0.6)');
    expect(String(new Dropout())).toBe('Dropout(p=0.5)');
    expect(String(new CrossEntropyLoss())).toBe('CrossEntropyLoss');
    expect(String(new Sequential(new Linear(2, 3), new ReLU()))).toBe('Sequential\n\t[0] Linear(in_features=2, out_features=3)\n\t[1] ReLU');
  });

  it('MLP layouts: 3 hidden → 7 layers; dropout 0.6 with [50, 50, 50] → 10 layers', () => {
    const plain = new MLP(10, 10, [100, 50, 100]);
    expect(plain.sequence.layers.map(String)).toEqual([
      'Linear(in_features=10, out_features=100)',
      'ReLU',
      'Linear(in_features=100, out_features=50)',
      'ReLU',
      'Linear(in_features=50, out_features=100)',
      'ReLU',
      'Linear(in_features=100, out_features=10)',
    ]);
    const dropped = new MLP(10, 10, [50, 50, 50], { dropout: 0.6, activation: 'tanh' });
    expect(dropped.sequence.layers.map(String)).toEqual([
      'Linear(in_features=10, out_features=50)',
      'TanH',
      'Dropout(p=0.6)',
      'Linear(in_features=50, out_features=50)',
      'TanH',
      'Dropout(p=0.6)',
      'Linear(in_features=50, out_features=50)',
      'TanH',
      'Dropout(p=0.6)',
      'Linear(in_features=50, out_features=10)',
    ]);
    expect(String(dropped).split('\n')).toHaveLength(11);
    expect(String(dropped).split('\n')[3]).toBe('\t[2] Dropout(p=0.6)');
    expect(new MLP(3, 2, []).sequence.layers.map(String)).toEqual(['Linear(in_features=3, out_features=2)']);
    expect(new MLP(3, 2, [4], { activation: 'lrelu' }).sequence.layers.map(String)[1]).toBe('LeakyReLU(alpha=0.01)');
    expect(new MLP(3, 2, [4], { activation: 'sigmoid' }).sequence.layers.map(String)[1]).toBe('Sigmoid');
  });

  it('params(): Linear gives w then b; Sequential names them <index>.<name>, in order', () => {
    const fc = new Linear(3, 2);
    expect(fc.params().map((p) => p.name)).toEqual(['w', 'b']);
    expect(fc.params()[0].value).toBe(fc.w);
    expect(fc.params()[0].grad).toBe(fc.dw);
    expect(fc.params()[1].value).toBe(fc.b);
    expect(fc.params()[1].grad).toBe(fc.db);
    expect(fc.w.shape).toEqual([2, 3]);
    expect(fc.b.shape).toEqual([2]);
    expect(fc.b.toArray()).toEqual([0, 0]);

    const mlp = new MLP(4, 3, [5, 6], { dropout: 0.5 });
    expect(mlp.params().map((p) => p.name)).toEqual(['0.w', '0.b', '3.w', '3.b', '6.w', '6.b']);
    expect(mlp.params().map((p) => p.value.shape)).toEqual([[5, 4], [5], [6, 5], [6], [3, 6], [3]]);
    const seq = new Sequential(mlp, new CrossEntropyLoss());
    expect(seq.params().map((p) => p.name)).toEqual(['0.0.w', '0.0.b', '0.3.w', '0.3.b', '0.6.w', '0.6.b']);
    expect(seq.params()[0].value).toBe((mlp.sequence.layers[0] as Linear).w);
    for (const l of [new ReLU(), new Sigmoid(), new Dropout(), new CrossEntropyLoss()]) expect(l.params()).toEqual([]);
  });

  it('train/eval propagate through Sequential and MLP to every nested layer', () => {
    const mlp = new MLP(4, 3, [5, 6], { dropout: 0.5 });
    const seq = new Sequential(new Linear(3, 4), mlp, new CrossEntropyLoss());
    const modes = (l: Layer): boolean[] => [...walkLayers(l)].map((c) => c.training);
    expect(modes(seq).every(Boolean)).toBe(true);
    expect(seq.eval()).toBe(seq);
    expect(modes(seq).some(Boolean)).toBe(false);
    const drops = [...walkLayers(seq)].filter((l) => l instanceof Dropout);
    expect(drops).toHaveLength(2);
    seq.train();
    expect(modes(seq).every(Boolean)).toBe(true);
    mlp.train(false);
    expect(modes(mlp).some(Boolean)).toBe(false);
    expect(seq.training).toBe(true);
    // An evaluation-mode MLP is deterministic: dropout is off.
    const x = Tensor.randn([8, 4], createRng(18));
    expect(mlp.forward(x).toArray()).toEqual(mlp.forward(x).toArray());
  });

  it('zeroGrad clears every parameter gradient of a tree', () => {
    const seq = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
    seq.forward(Tensor.randn([5, 3], createRng(19)));
    seq.backward(Tensor.full([5, 2], 1));
    expect(seq.params().some((p) => p.grad.toArray().some((v) => v !== 0))).toBe(true);
    seq.zeroGrad();
    expect(seq.params().every((p) => p.grad.toArray().every((v) => v === 0))).toBe(true);
  });
});

describe('Linear', () => {
  it('computes X·Wᵀ + b on inputs with leading dimensions, written out here', () => {
    const fc = new Linear(2, 3, { rng: createRng(20) });
    fc.w.data.set([1, 2, 3, 4, 5, 6]);
    fc.b.data.set([0.5, -1, 2]);
    const z = fc.forward(Tensor.from([1, 1, 0, 2, -1, 0, 0.5, 0.5], [2, 2, 2]));
    expect(z.shape).toEqual([2, 2, 3]);
    // rows: [1,1]→[3.5,6,13], [0,2]→[4.5,7,14], [-1,0]→[-0.5,-4,-3], [.5,.5]→[2,2.5,7.5]
    expect(z.toArray()).toEqual([3.5, 6, 13, 4.5, 7, 14, -0.5, -4, -3, 2, 2.5, 7.5]);
  });

  it('backwardParams accumulates the same parameter gradients as backward', () => {
    const rng = createRng(21);
    const make = () => new MLP(6, 3, [8, 5], { rng: createRng(22), dropout: 0.3 });
    const a = new Sequential(make(), new CrossEntropyLoss());
    const b = a.clone();
    const x = Tensor.randn([7, 6], rng);
    const y = [0, 1, 2, 0, 1, 2, 0];
    for (let step = 0; step < 2; step++) {
      a.forward(x, y);
      a.backward();
      b.forward(x, y);
      b.backwardParams();
    }
    const pa = a.params();
    b.params().forEach((p, i) => expect(p.grad.toArray()).toEqual(pa[i].grad.toArray()));
  });

  it('Sequential.backwardParams skips the layers before the first with parameters', () => {
    let calls = 0;
    class Counting extends ReLU {
      override backward(dout?: Tensor): Tensor {
        calls++;
        return super.backward(dout);
      }
    }
    const seq = new Sequential(new Counting(), new Linear(3, 2), new Counting());
    seq.forward(Tensor.randn([4, 3], createRng(23)));
    seq.backwardParams(Tensor.full([4, 2], 1));
    expect(calls).toBe(1);
    seq.backward(Tensor.full([4, 2], 1));
    expect(calls).toBe(3);
  });
});

describe('seeds', () => {
  it('same seed → same weights, randn and uniform draws; different seeds differ', () => {
    const w = (seed: number) => new Linear(5, 4, { rng: createRng(seed) }).w.toArray();
    expect(w(1)).toEqual(w(1));
    expect(w(1)).not.toEqual(w(2));
    const r = (seed: number) => Tensor.randn([100], createRng(seed)).toArray();
    expect(r(7)).toEqual(r(7));
    expect(r(7)).not.toEqual(r(8));
    const a = createRng(3), b = createRng(3);
    for (let i = 0; i < 100; i++) expect(a.uniform()).toBe(b.uniform());
  });

  it('manualSeed reseeds the default generator, as torch.manual_seed', () => {
    manualSeed(5);
    const first = new MLP(3, 2, [4]).params().map((p) => p.value.toArray());
    manualSeed(5);
    const again = new MLP(3, 2, [4]).params().map((p) => p.value.toArray());
    expect(again).toEqual(first);
    manualSeed(6);
    expect(new MLP(3, 2, [4]).params()[0].value.toArray()).not.toEqual(first[0]);
    expect(defaultRng()).toBe(defaultRng());
  });

  it('manualSeed also reseeds layers built earlier on the default generator', () => {
    const d = new Dropout(0.5);
    const x = Tensor.full([8, 8], 1);
    manualSeed(11);
    const first = d.forward(x).toArray();
    expect(d.forward(x).toArray()).not.toEqual(first);
    manualSeed(11);
    expect(d.forward(x).toArray()).toEqual(first);
  });

  it('randn is standard normal: mean ≈ 0, variance ≈ 1 over 100k draws', () => {
    const d = Tensor.randn([100_000], createRng(9), 1, 'float64').data;
    let s = 0, s2 = 0;
    for (const v of d) {
      s += v;
      s2 += v * v;
    }
    const mean = s / d.length;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(d.length));
    expect(Math.abs(s2 / d.length - mean * mean - 1)).toBeLessThan(0.02);
  });

  it('Linear initialises w with std wstd (default 0.1) and b at zero', () => {
    const fc = new Linear(500, 400, { rng: createRng(10), dtype: 'float64' });
    const d = fc.w.data;
    let s2 = 0;
    for (const v of d) s2 += v * v;
    expect(Math.sqrt(s2 / d.length)).toBeCloseTo(0.1, 2);
    expect(new Linear(500, 400, { rng: createRng(10), wstd: 0.5 }).w.data[0]).toBeCloseTo(5 * d[0], 5);
  });
});

import fc from 'fast-check';
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
  Layer,
} from '../../engine';
import { bruteForceCrossEntropy, bruteForceJacobian, tilesOfDense } from './brute-force';
import { jacobianStructure } from './index';
import type { JacobianStructure, JacobianWrt } from './types';

function countNonZeros(a: Float32Array): number {
  let n = 0;
  for (const v of a) if (v !== 0) n++;
  return n;
}

/** Element-by-element equality (±0 equal), reporting the first differing index. */
function expectSameValues(got: ArrayLike<number> | undefined, want: ArrayLike<number>, what: string): void {
  expect(got, what).toBeDefined();
  expect(got!.length, `${what} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (got![i] !== want[i]) expect(got![i], `${what}[${i}]`).toBe(want[i]);
  }
}

/** Checks a summary against a reference dense J: values, non-zeros and every tile. */
function expectMatches(s: JacobianStructure, ref: Float32Array, rows: number, cols: number): void {
  expect(s.rows).toBe(rows);
  expect(s.cols).toBe(cols);
  expect(s.entries).toBe(rows * cols);
  expect(s.bytesFloat32).toBe(rows * cols * 4);
  expectSameValues(s.dense, ref, 'dense');
  expect(s.nonZeros).toBe(countNonZeros(ref));
  const want = tilesOfDense(ref, cols, s.tiles.rowEdges, s.tiles.colEdges);
  expectSameValues(s.tiles.fraction, want.fraction, 'fraction');
  expectSameValues(s.tiles.maxAbs, want.maxAbs, 'maxAbs');
}

/** A random matrix with roughly `zeros` of its entries exactly 0. */
function sparseRandn(shape: number[], seed: number, zeros: number): Tensor {
  const rng = createRng(seed);
  const t = Tensor.randn(shape, rng);
  for (let i = 0; i < t.size; i++) if (rng.uniform() < zeros) t.data[i] = 0;
  return t;
}

function linearCase(n: number, inF: number, out: number, seed: number, zeros: number): Linear {
  const lin = new Linear(inF, out, { rng: createRng(seed) });
  lin.w.data.set(sparseRandn([out, inF], seed + 1, zeros).data);
  lin.b.data.set(Tensor.randn([out], createRng(seed + 2)).data);
  lin.forward(sparseRandn([n, inF], seed + 3, zeros));
  return lin;
}

function checkLinear(lin: Linear, outShape: number[], wrt: JacobianWrt, maxCells: number): JacobianStructure {
  const s = jacobianStructure(lin, wrt, { maxCells });
  const ref = bruteForceJacobian(lin, outShape, wrt);
  expectMatches(s, ref.dense, ref.rows, ref.cols);
  // The tiles must not depend on whether the dense matrix is built.
  const lean = jacobianStructure(lin, wrt, { maxCells, dense: false });
  expect(lean.dense).toBeUndefined();
  expectSameValues(lean.tiles.fraction, s.tiles.fraction, 'fraction without dense');
  expectSameValues(lean.tiles.maxAbs, s.tiles.maxAbs, 'maxAbs without dense');
  expect(lean.nonZeros).toBe(s.nonZeros);
  return s;
}

describe('jacobianStructure: Linear against one-hot backward passes', () => {
  it('matches the brute-force Jacobian for random sizes, sparsity and tile counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(0, 0.3, 0.8),
        (n, inF, out, maxCells, seed, zeros) => {
          const lin = linearCase(n, inF, out, seed, zeros);
          for (const wrt of ['input', 'w', 'b'] as const) checkLinear(lin, [n, out], wrt, maxCells);
        },
      ),
      { seed: 20240611, numRuns: 120 },
    );
  });

  it('handles odd sizes with tiles smaller and larger than the sample blocks', () => {
    const lin = linearCase(5, 37, 23, 7, 0.2);
    for (const maxCells of [256, 16, 3, 1]) {
      for (const wrt of ['input', 'w', 'b'] as const) checkLinear(lin, [5, 23], wrt, maxCells);
    }
    // 115 output rows in 16 tiles: ~7 rows, smaller than a 23-row sample block; 3 tiles: larger.
    const s = jacobianStructure(lin, 'input', { maxCells: 16 });
    expect(s.tiles.rows).toBe(16);
    expect(s.pattern).toBe('block-diagonal');
    expect(s.shape).toEqual([5, 23, 5, 37]);
    expect(jacobianStructure(lin, 'w', { maxCells: 3 }).shape).toEqual([5, 23, 23, 37]);
  });

  it('uses a batch of any leading shape', () => {
    const lin = new Linear(4, 3, { rng: createRng(3) });
    lin.forward(Tensor.randn([2, 3, 4], createRng(4)));
    expect(checkLinear(lin, [2, 3, 3], 'input', 5).shape).toEqual([2, 3, 3, 2, 3, 4]);
    expect(checkLinear(lin, [2, 3, 3], 'w', 7).shape).toEqual([2, 3, 3, 3, 4]);
    expect(checkLinear(lin, [2, 3, 3], 'b', 4).shape).toEqual([2, 3, 3, 3]);
  });

  it('names the structure and counts structural non-zeros', () => {
    const lin = linearCase(4, 6, 5, 11, 0.5);
    const nnzW = countNonZeros(new Float32Array(lin.w.data));
    const nnzX = countNonZeros(new Float32Array(lin.lastInput!.data));
    const si = jacobianStructure(lin, 'input');
    expect(si.pattern).toBe('block-diagonal');
    expect(si.nonZeros).toBe(4 * nnzW);
    const sw = jacobianStructure(lin, 'w');
    expect(sw.pattern).toBe('row-blocks');
    expect(sw.nonZeros).toBe(5 * nnzX);
    const sb = jacobianStructure(lin, 'b');
    expect(sb.pattern).toBe('stacked-identity');
    expect(sb.nonZeros).toBe(4 * 5);
    expect(sb.shape).toEqual([4, 5, 5]);
  });

  it('gives an empty Jacobian for an empty batch', () => {
    const lin = new Linear(3, 2, { rng: createRng(1) });
    lin.forward(Tensor.zeros([0, 3]));
    const s = jacobianStructure(lin, 'w');
    expect(s.shape).toEqual([0, 2, 2, 3]);
    expect([s.rows, s.cols, s.entries, s.nonZeros, s.tiles.rows, s.tiles.cols]).toEqual([0, 6, 0, 0, 0, 6]);
    expect(s.dense).toHaveLength(0);
    expect(jacobianStructure(lin, 'input').entries).toBe(0);
  });

  it('reads float64 layers, rounding values to float32', () => {
    const lin = new Linear(3, 4, { rng: createRng(5), dtype: 'float64' });
    lin.w.data[1] = 1e-60; // zero once rounded to float32, as the brute force stores it
    lin.forward(Tensor.randn([3, 3], createRng(6), 1, 'float64'));
    for (const wrt of ['input', 'w', 'b'] as const) checkLinear(lin, [3, 4], wrt, 5);
    expect(jacobianStructure(lin, 'input').nonZeros).toBe(3 * 11);
  });
});

describe('jacobianStructure: elementwise layers and Dropout', () => {
  const x = Tensor.from([1.5, 0, -2, 0, 3, -0.5, 200, -200, 0.25, -1e-3, 7, -7], [2, 3, 2]);

  function checkDiagonal(layer: Layer, input: Tensor, maxCells = 256): JacobianStructure {
    const out = layer.forward(input);
    const s = jacobianStructure(layer, 'input', { maxCells });
    const ref = bruteForceJacobian(layer, out.shape, 'input');
    expectMatches(s, ref.dense, ref.rows, ref.cols);
    expect(s.pattern).toBe('diagonal');
    expect(s.shape).toEqual([...input.shape, ...input.shape]);
    return s;
  }

  it('ReLU: zero where x ≤ 0, one where x > 0', () => {
    const s = checkDiagonal(new ReLU(), x);
    expect(s.nonZeros).toBe(5);
    const diag = Array.from({ length: 12 }, (_, i) => s.dense![i * 12 + i]);
    expect(diag).toEqual([1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    for (const maxCells of [5, 4, 1]) checkDiagonal(new ReLU(), x, maxCells);
  });

  it('LeakyReLU: alpha where x ≤ 0, so the whole diagonal is non-zero', () => {
    const s = checkDiagonal(new LeakyReLU(0.2), x);
    expect(s.nonZeros).toBe(12);
    expect(s.dense![1 * 12 + 1]).toBe(Math.fround(0.2));
    checkDiagonal(new LeakyReLU(0.2), x, 7);
  });

  it('Sigmoid and TanH: σ(1 − σ) and 1 − tanh², zero where they saturate in float32', () => {
    const sg = checkDiagonal(new Sigmoid(), x);
    expect(sg.nonZeros).toBe(10); // σ'(±200) rounds to 0
    checkDiagonal(new Sigmoid(), x, 5);
    const th = checkDiagonal(new TanH(), x);
    expect(th.nonZeros).toBe(10); // tanh(±200) is ±1 in float32; tanh(±7) is not yet
    checkDiagonal(new TanH(), Tensor.randn([4, 9], createRng(9), 2, 'float64'), 10);
  });

  it('Dropout in training: the diagonal of the mask', () => {
    const d = new Dropout(0.5, { rng: createRng(12) });
    const input = Tensor.randn([6, 7], createRng(13));
    const s = checkDiagonal(d, input, 9);
    const mask = d.mask!;
    expect(s.nonZeros).toBe(countNonZeros(new Float32Array(mask.data)));
    expect(s.nonZeros).toBeGreaterThan(0);
    expect(s.nonZeros).toBeLessThan(42);
    expect(s.tiles.maxAbs.reduce((m, v) => Math.max(m, v), 0)).toBe(2);
    // p = 1 drops everything: an all-zero diagonal.
    expect(checkDiagonal(new Dropout(1, { rng: createRng(1) }), input).nonZeros).toBe(0);
  });

  it('Dropout in evaluation mode (and with p = 0): the identity', () => {
    const input = Tensor.randn([3, 5], createRng(14));
    for (const d of [new Dropout(0.5, { rng: createRng(15) }).eval(), new Dropout(0, { rng: createRng(16) })]) {
      const s = checkDiagonal(d, input, 4);
      expect(d.mask).toBeNull();
      expect(s.nonZeros).toBe(15);
      expect(s.tiles.maxAbs.reduce((m, v) => Math.max(m, v), 0)).toBe(1);
    }
  });

  it('summarises large diagonals exactly without the dense matrix', () => {
    const layer = new LeakyReLU(0.1);
    const input = Tensor.randn([40, 300], createRng(17));
    layer.forward(input);
    const s = jacobianStructure(layer, 'input', { maxCells: 37 });
    expect(s.dense).toBeUndefined();
    // Reference tiles from the diagonal alone: only cells whose row and column ranges overlap.
    const { rowEdges, colEdges } = s.tiles;
    let total = 0;
    for (let a = 0; a < 37; a++) {
      for (let b = 0; b < 37; b++) {
        let nz = 0;
        let m = 0;
        for (let r = Math.max(rowEdges[a], colEdges[b]); r < Math.min(rowEdges[a + 1], colEdges[b + 1]); r++) {
          const v = input.data[r] > 0 ? 1 : Math.fround(0.1);
          nz++;
          m = Math.max(m, v);
        }
        total += nz;
        const cell = (rowEdges[a + 1] - rowEdges[a]) * (colEdges[b + 1] - colEdges[b]);
        expect(s.tiles.fraction[a * 37 + b]).toBe(Math.fround(nz / cell));
        expect(s.tiles.maxAbs[a * 37 + b]).toBe(m);
      }
    }
    expect(s.nonZeros).toBe(12000);
    expect(total).toBe(12000);
  });
});

describe('jacobianStructure: CrossEntropyLoss', () => {
  function ceCase(n: number, c: number, seed: number): { loss: CrossEntropyLoss; scores: Tensor; labels: number[] } {
    const rng = createRng(seed);
    const scores = Tensor.randn([n, c], rng, 3);
    const labels = Array.from({ length: n }, () => rng.int(c));
    const loss = new CrossEntropyLoss();
    loss.forward(scores, labels);
    return { loss, scores, labels };
  }

  it('per-sample losses: one 1×C block per sample, equal to one-sample backward passes', () => {
    for (const [n, c, maxCells] of [
      [5, 4, 256],
      [7, 3, 4],
      [6, 5, 11],
      [1, 9, 2],
    ]) {
      const { loss, scores, labels } = ceCase(n, c, n * 31 + c);
      const s = jacobianStructure(loss, 'input', { maxCells });
      expectMatches(s, bruteForceCrossEntropy(scores, labels), n, n * c);
      expect(s.shape).toEqual([n, n, c]);
      expect(s.pattern).toBe('block-diagonal');
    }
  });

  it('the scalar loss gradient is the column sums divided by N', () => {
    const { loss } = ceCase(6, 4, 3);
    const s = jacobianStructure(loss);
    const grad = loss.backward().data;
    for (let col = 0; col < 24; col++) {
      let sum = 0;
      for (let r = 0; r < 6; r++) sum += s.dense![r * 24 + col];
      expect(grad[col]).toBeCloseTo(sum / 6, 7);
    }
  });

  it('counts exact zeros where the softmax saturates', () => {
    const loss = new CrossEntropyLoss();
    const scores = Tensor.from([1000, -1000, 0, 1, 2, 3], [2, 3]);
    loss.forward(scores, [0, 1]);
    const s = jacobianStructure(loss);
    expectMatches(s, bruteForceCrossEntropy(scores, [0, 1]), 2, 6);
    expect(s.nonZeros).toBe(3);
  });
});

/** A layer the Jacobian module does not know. */
class Doubler extends Layer {
  forward(x: Tensor): Tensor {
    return Tensor.from(x.data.map((v) => 2 * v), x.shape);
  }
  backward(dout?: Tensor): Tensor {
    return Tensor.from(dout!.data.map((v) => 2 * v), dout!.shape);
  }
  jvp(dx: Tensor | null): Tensor {
    return Tensor.from(dx!.data.map((v) => 2 * v), dx!.shape);
  }
  clone(): Doubler {
    return new Doubler();
  }
  toString(): string {
    return 'Doubler';
  }
}

describe('jacobianStructure: errors', () => {
  const lin = new Linear(3, 2, { rng: createRng(1) });
  lin.forward(Tensor.randn([2, 3], createRng(2)));

  it('refuses compositions and unknown layers, naming them', () => {
    expect(() => jacobianStructure(new Sequential(new Linear(2, 2), new ReLU()))).toThrow(/Sequential.*composition.*each of its layers/s);
    expect(() => jacobianStructure(new MLP(4, 2, [3]))).toThrow(/MLP.*composition/s);
    class Custom extends Sequential {}
    expect(() => jacobianStructure(new Custom())).toThrow(/composition/);
    expect(() => jacobianStructure(new Doubler())).toThrow(/unsupported layer Doubler \(supported: Linear, ReLU/);
  });

  it('refuses a layer that has not run forward', () => {
    expect(() => jacobianStructure(new Linear(3, 2))).toThrow(/Linear\(in_features=3, out_features=2\) has not run forward/);
    expect(() => jacobianStructure(new TanH())).toThrow(/TanH has not run forward/);
    expect(() => jacobianStructure(new Dropout(0.3))).toThrow(/Dropout\(p=0.3\) has not run forward/);
    expect(() => jacobianStructure(new CrossEntropyLoss())).toThrow(/CrossEntropyLoss has not run forward/);
  });

  it('refuses parameters a layer does not have and bad options', () => {
    const relu = new ReLU();
    relu.forward(Tensor.zeros([2]));
    expect(() => jacobianStructure(relu, 'w')).toThrow(/ReLU has no parameter 'w'/);
    expect(() => jacobianStructure(lin, 'x' as JacobianWrt)).toThrow(/wrt.*"x"/);
    expect(() => jacobianStructure(lin, 'input', { maxCells: 0 })).toThrow(/maxCells.*0/);
    expect(() => jacobianStructure(lin, 'input', { maxCells: 2.5 })).toThrow(/maxCells.*2.5/);
  });
});

import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Sigmoid, Tensor } from '../../engine';
import { jacobianStructure } from '../../runtime/jacobian';
import { linearJacobian, randn } from '../test-utils';
import { blockAxis, edgePosition, indexRangeText, tickEvery, unravel } from './axes';
import { dimsProduct, jacobianFacts, patternText, splitJacobianShape } from './describe';

describe('jacobianFacts: Question 1', () => {
  // The layer of Question 1 (N = 64, in = 1024, out = 512), summarised by the runtime.
  const { j, layer } = linearJacobian(64, 1024, 512, 'input');

  it('states shape, entries, the non-zero share and the memory of dY/dX', () => {
    const f = jacobianFacts(j);
    expect(f.shape).toBe('(64, 512, 64, 1024)');
    expect(f.matrix).toBe('32,768 × 65,536');
    expect(f.entries).toBe('2,147,483,648 entries');
    expect(f.nonZeroShare).toBe('1/64 non-zero');
    expect(f.nonZeroCount).toBe('33,554,432 non-zero');
    expect(f.memory).toMatch(/^8 GiB if materialised \(float32\) vs [\d.]+ (KiB|MiB) used$/);
    expect(f.pattern).toBe('block-diagonal over samples: dY[n,i]/dX[m,j] = W[i,j] when n = m, else 0');
    expect(layer.w.shape).toEqual([512, 1024]);
  });

  it('states dY/dW: 1/512 non-zero, 64 GiB, row-blocks', () => {
    const w = jacobianStructure(layer, 'w');
    const f = jacobianFacts(w);
    expect(f.shape).toBe('(64, 512, 512, 1024)');
    expect(f.entries).toBe('17,179,869,184 entries');
    expect(f.nonZeroShare).toBe('1/512 non-zero');
    expect(f.memory.startsWith('64 GiB if materialised')).toBe(true);
    expect(f.pattern).toContain("X's row on the matching output index");
    const b = jacobianFacts(jacobianStructure(layer, 'b'));
    expect(b.shape).toBe('(64, 512, 512)');
    expect(b.nonZeroShare).toBe('1/512 non-zero');
    expect(b.pattern).toContain('stacked identity');
  });
});

describe('patternText', () => {
  it('describes an activation’s diagonal with its derivative, and the loss’s blocks', () => {
    const s = new Sigmoid();
    s.forward(new Tensor(randn(12, 1, 5), [3, 4]));
    const d = jacobianStructure(s);
    expect(patternText(d)).toBe(
      'diagonal: each output depends only on the input at its own position: dY[n,i]/dX[m,j] = f′(X[n,i]) when (n, i) = (m, j), else 0; for Sigmoid, f′(x) = σ(x)·(1 − σ(x)) ≤ 1/4',
    );
    const ce = new CrossEntropyLoss();
    ce.forward(new Tensor(randn(12, 1, 6), [4, 3]), Int32Array.from([0, 1, 2, 0]));
    const l = jacobianStructure(ce);
    expect(patternText(l)).toContain('softmax');
    expect(splitJacobianShape(l)).toEqual({ out: [4], wrt: [4, 3] });
  });
});

describe('splitJacobianShape', () => {
  it('splits output from input dimensions, also with a batch of one', () => {
    expect(splitJacobianShape({ shape: [64, 512, 64, 1024], rows: 32768, cols: 65536 })).toEqual({ out: [64, 512], wrt: [64, 1024] });
    expect(splitJacobianShape({ shape: [1, 512, 1, 1024], rows: 512, cols: 1024 })).toEqual({ out: [1, 512], wrt: [1, 1024] });
    expect(dimsProduct([32, 3])).toBe('32·3');
  });
});

describe('block axes', () => {
  const { j } = linearJacobian(64, 1024, 512, 'input');

  it('places sample ticks at the exact sample boundaries through the tile edges', () => {
    const ax = blockAxis(j.tiles.rowEdges, [64, 512], 8);
    expect(ax.every).toBe(10);
    expect(ax.ticks.map((t) => t.block)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    for (const t of ax.ticks) expect(t.pos).toBeCloseTo(t.block / 64, 12);
    expect(ax.boundaries).toHaveLength(63);
    const all = blockAxis(j.tiles.colEdges, [64, 1024], 64);
    expect(all.every).toBe(1);
    expect(all.ticks).toHaveLength(64);
  });

  it('positions indices between uneven edges', () => {
    const edges = [0, 3, 6, 10];
    expect(edgePosition(edges, 0)).toBe(0);
    expect(edgePosition(edges, 3)).toBeCloseTo(1 / 3, 12);
    expect(edgePosition(edges, 8)).toBeCloseTo((2 + 0.5) / 3, 12);
    expect(edgePosition(edges, 10)).toBe(1);
  });

  it('picks 1, 2, 5, 10, … blocks per tick', () => {
    expect(tickEvery(7, 8)).toBe(1);
    expect(tickEvery(16, 8)).toBe(2);
    expect(tickEvery(40, 8)).toBe(5);
    expect(tickEvery(1000, 8)).toBe(200);
  });

  it('writes index ranges as tensor indices', () => {
    expect(unravel(1000, [64, 512])).toEqual([1, 488]);
    expect(indexRangeText('Y', [64, 512], 512 * 3, 512 * 3 + 127)).toBe('Y[3, 0–127]');
    expect(indexRangeText('X', [64, 1024], 1000, 1100)).toBe('X[0, 1000] … X[1, 76]');
    expect(indexRangeText('b', [512], 4, 4)).toBe('b[4]');
  });
});

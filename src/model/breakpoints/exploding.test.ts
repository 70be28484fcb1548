import { describe, expect, it } from 'vitest';
import { EXPLODING } from './exploding';
import { f32, layer, linearWithGradNorm, stepOf } from './testing';

describe('exploding gradient', () => {
  it('fires when the parameter gradient norm passes M, not at M', () => {
    const check = (g: number) => EXPLODING.arm({ limit: 100, growth: 0 }, 0).step!(stepOf(9, 1, [linearWithGradNorm('fc3', g)]));
    expect(check(250)).toEqual({ nodeId: 'fc3', message: 'fc3 (Linear(4 → 4)): gradient norm 250 above 100 at step 9.' });
    expect(check(100)).toBeNull();
    expect(check(99)).toBeNull();
    expect(check(Infinity)).toBeNull();
  });

  it('fires when the gradient grows more than k times from a layer to the previous, pointing at the edge it flows back along', () => {
    // ‖∂L/∂y‖ = 1 arriving at the layer, ‖∂L/∂x‖ = 50 leaving it.
    const l = layer('fc2', 'Linear', { outputGrad: f32(0.6, 0.8), inputGrad: f32(30, 40), params: [{ name: 'w', value: f32(1), grad: f32(1) }] });
    const hit = EXPLODING.arm({ limit: 1e6, growth: 10 }, 0).step!(stepOf(5, 1, [l]));
    expect(hit).toEqual({
      nodeId: 'fc2',
      edgeId: 'e-fc2',
      message: 'fc2 (Linear(4 → 4)): the gradient grew 50× through it (‖∂L/∂y‖ 1 → ‖∂L/∂x‖ 50; threshold 10×) at step 5.',
    });
    expect(EXPLODING.arm({ limit: 1e6, growth: 50 }, 0).step!(stepOf(5, 1, [l]))).toBeNull();
    // k = 0: growth is not watched.
    expect(EXPLODING.arm({ limit: 1e6, growth: 0 }, 0).step!(stepOf(5, 1, [l]))).toBeNull();
  });

  it('ignores growth from a zero gradient (nothing to grow from)', () => {
    const l = layer('fc2', 'Linear', { outputGrad: f32(0, 0), inputGrad: f32(3, 4) });
    expect(EXPLODING.arm({ limit: 1e6, growth: 10 }, 0).step!(stepOf(5, 1, [l]))).toBeNull();
  });
});

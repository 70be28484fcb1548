import { describe, expect, it } from 'vitest';
import { findNonFinite, NON_FINITE } from './non-finite';
import { f32, layer, stepOf } from './testing';

const fc = (fields: Parameters<typeof layer>[2] = {}) =>
  layer('fc1', 'Linear', { output: f32(1, 2), inputGrad: f32(0.1), params: [{ name: 'w', value: f32(1, 2), grad: f32(0.1, 0.2) }, { name: 'b', value: f32(0), grad: f32(0) }], ...fields });
const relu = (fields: Parameters<typeof layer>[2] = {}) => layer('relu1', 'ReLU', { output: f32(1, 0), inputGrad: f32(0.5, 0), ...fields });

const check = (layers: ReturnType<typeof layer>[], loss = 1) => NON_FINITE.arm({}, null).step!(stepOf(12, loss, layers));

describe('non-finite values', () => {
  it('stays quiet when everything is finite', () => {
    expect(check([fc(), relu()])).toBeNull();
  });

  it('names a weight, and a bias, that are not finite', () => {
    const w = check([fc({ params: [{ name: 'w', value: f32(1, NaN), grad: f32(0, 0) }, { name: 'b', value: f32(0), grad: f32(0) }] }), relu()], NaN);
    expect(w).toEqual({ nodeId: 'fc1', message: 'fc1 (Linear(4 → 4)): its weight holds NaN (1 of 2 values not finite) at step 12; the loss is NaN.' });
    const b = check([fc({ params: [{ name: 'w', value: f32(1, 2), grad: f32(0, 0) }, { name: 'b', value: f32(Infinity), grad: f32(0) }] }), relu()]);
    expect(b!.message).toMatch(/its bias holds Infinity/);
  });

  it('puts a weight before the activation it poisons, and an activation before its gradients', () => {
    // Weights of fc1 and everything after them are NaN: the weight is the culprit.
    const poisoned = check([fc({ output: f32(NaN, NaN), params: [{ name: 'w', value: f32(NaN, 1), grad: f32(NaN, NaN) }] }), relu({ output: f32(NaN, NaN), inputGrad: f32(NaN, NaN) })], NaN);
    expect(poisoned!.message).toMatch(/^fc1 .*its weight holds NaN/);
    // Finite weights, an overflowing activation in relu1: the activation, not the gradients that follow.
    const act = check([fc(), relu({ output: f32(Infinity, 0), inputGrad: f32(NaN, 0) })], Infinity);
    expect(act).toEqual({ nodeId: 'relu1', message: 'relu1 (ReLU): its activation holds Infinity (1 of 2 values not finite) at step 12; the loss is Infinity.' });
  });

  it('finds a gradient that overflows with every activation finite, going back from the loss', () => {
    const f = findNonFinite(stepOf(3, 1, [fc({ inputGrad: f32(-Infinity), params: [{ name: 'w', value: f32(1, 2), grad: f32(-Infinity, 0) }] }), relu()]));
    expect(f).toMatchObject({ layer: 0, tensor: 'gradient of its weight', index: 0 });
    const g = check([fc(), relu({ inputGrad: f32(0, NaN) })]);
    expect(g!.message).toBe('relu1 (ReLU): its gradient of its input holds NaN (1 of 2 values not finite) at step 12; the loss is 1.');
  });
});

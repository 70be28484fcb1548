import { describe, expect, it } from 'vitest';
import { DEAD_UNITS, deadUnits } from './dead-units';
import { f32, layer, stepOf } from './testing';

// Two samples × four units: units 1 and 3 output nothing positive on either sample.
const relu = (output: Float32Array, type: 'ReLU' | 'LeakyReLU' = 'ReLU') => layer('relu2', type, { output, previousNodeId: 'fc2' });
const twoDead = f32(0.5, 0, 1, 0, 0, 0, 2, 0);

describe('dead units', () => {
  it('counts a unit dead only when it is ≤ 0 on every sample of the batch', () => {
    expect(deadUnits(relu(twoDead))).toEqual({ dead: 2, units: 4 });
    // Unit 1 comes alive on the second sample.
    expect(deadUnits(relu(f32(0.5, 0, 1, 0, 0, 1e-9, 2, 0)))).toEqual({ dead: 1, units: 4 });
    // A LeakyReLU's dead unit outputs negatives (the leak), never a positive.
    expect(deadUnits(relu(f32(1, -0.01, 1, -0.2, 1, -0.03, 1, 0), 'LeakyReLU'))).toEqual({ dead: 2, units: 4 });
  });

  it('fires above the threshold with the numbers, names the layer after the one feeding it', () => {
    const check = DEAD_UNITS.arm({ threshold: 0.4 }, 0);
    const hit = check.step!(stepOf(312, 1, [relu(twoDead)]));
    expect(hit).toEqual({ nodeId: 'relu2', message: 'fc2 → relu2: 50% of 4 units dead (threshold 40%) at step 312.' });
  });

  it('does not fire at exactly the threshold, nor below it', () => {
    expect(DEAD_UNITS.arm({ threshold: 0.5 }, 0).step!(stepOf(1, 1, [relu(twoDead)]))).toBeNull();
    expect(DEAD_UNITS.arm({ threshold: 0.75 }, 0).step!(stepOf(1, 1, [relu(twoDead)]))).toBeNull();
    // Every unit alive, threshold 0: nothing dead, nothing above 0%.
    expect(DEAD_UNITS.arm({ threshold: 0 }, 0).step!(stepOf(1, 1, [relu(f32(1, 1, 1, 1))]))).toBeNull();
  });

  it('says 87.5% for 56 of 64 units', () => {
    const out = new Float32Array(3 * 64);
    for (let j = 56; j < 64; j++) out[64 + j] = 1;
    const hit = DEAD_UNITS.arm({ threshold: 0.5 }, 0).step!(stepOf(7, 1, [layer('relu2', 'ReLU', { output: out, units: 64, previousNodeId: 'fc2' })]));
    expect(hit!.message).toBe('fc2 → relu2: 87.5% of 64 units dead (threshold 50%) at step 7.');
  });

  it('watches ReLU and LeakyReLU layers only', () => {
    expect(DEAD_UNITS.appliesTo!('ReLU', false)).toBe(true);
    expect(DEAD_UNITS.appliesTo!('LeakyReLU', false)).toBe(true);
    expect(DEAD_UNITS.appliesTo!('Sigmoid', false)).toBe(false);
    expect(DEAD_UNITS.appliesTo!('Linear', true)).toBe(false);
  });
});

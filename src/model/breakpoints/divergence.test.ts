import { describe, expect, it } from 'vitest';
import { DIVERGENCE } from './divergence';
import { linearWithGradNorm, stepOf } from './testing';

/** Feeds losses from step 1 with fc1's gradient norm; the first hit. */
function run(factor: number, losses: number[], grads: number[] = losses.map(() => 1)) {
  const check = DIVERGENCE.arm({ factor }, null);
  for (let i = 0; i < losses.length; i++) {
    const hit = check.step!(stepOf(i + 1, losses[i], [linearWithGradNorm('fc1', grads[i])]));
    if (hit) return { step: i + 1, ...hit };
  }
  return null;
}

describe('the divergence condition', () => {
  it('fires when the loss passes k times its lowest, naming the layer whose gradient grew most', () => {
    const hit = run(10, [1, 0.5, 2, 5.01], [1, 2, 2, 40]);
    expect(hit).toMatchObject({ step: 4, nodeId: 'fc1' });
    expect(hit!.message).toBe(
      "Training diverged at step 4: the loss reached 5.01, over 10 times its lowest (0.5 at step 2). The gradient of Linear(4 → 4) ('fc1') grew most since step 2: its norm went from 2 to 40 (20 times). Lower the learning rate and Resume, or press Reset weights.",
    );
  });

  it('does not fire at exactly k times the lowest', () => {
    expect(run(10, [1, 0.5, 5])).toBeNull();
  });

  it('fires on a loss that is not a number', () => {
    expect(run(1000, [1, NaN])).toMatchObject({ step: 2 });
  });

  it('is on by default at 1,000 times', () => {
    expect(DIVERGENCE.onByDefault).toBe(true);
    expect(DIVERGENCE.params[0].default).toBe(1000);
  });
});

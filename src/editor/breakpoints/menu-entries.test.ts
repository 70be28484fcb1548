import { describe, expect, it } from 'vitest';
import { breakpointMenuEntries } from './menu-entries';

describe("a node's Pause when… entries", () => {
  it('offers dead units for a ReLU, gradient norms for a Linear, nothing for a Sigmoid or the Input', () => {
    expect(breakpointMenuEntries(undefined, 'relu2', 'ReLU', false)).toEqual([{ kind: 'dead-units', label: 'Pause when over 50% of its units are dead', on: false }]);
    expect(breakpointMenuEntries(undefined, 'fc1', 'Linear', true)).toEqual([
      { kind: 'vanishing', label: 'Pause when its gradient norm falls below 1.00e-6', on: false },
      { kind: 'exploding', label: 'Pause when its gradient norm passes 1000 or grows 10× through it', on: false },
    ]);
    expect(breakpointMenuEntries(undefined, 's', 'Sigmoid', false)).toEqual([]);
    expect(breakpointMenuEntries(undefined, 'x', 'Input', false)).toEqual([]);
  });

  it('shows the values and state in force for the node', () => {
    const list = [{ condition: 'dead-units' as const, on: true, threshold: 0.3 }, { condition: 'dead-units' as const, on: true, node: 'relu2', threshold: 0.8 }];
    expect(breakpointMenuEntries(list, 'relu2', 'ReLU', false)[0]).toMatchObject({ label: 'Pause when over 80% of its units are dead', on: true });
    expect(breakpointMenuEntries(list, 'relu1', 'LeakyReLU', false)[0]).toMatchObject({ label: 'Pause when over 30% of its units are dead', on: true });
  });
});

import { describe, expect, it } from 'vitest';
import { flowPosition, gradientFlow } from './gradient-flow';

/** Input → Linear → act → Linear → act → … → loss, the edges e0 … e(n−1). */
function chain(n: number) {
  return Array.from({ length: n }, (_, i) => ({ edgeId: `e${i}`, weighted: i % 2 === 0 && i < n - 1 }));
}
const norms = (values: number[]) => Object.fromEntries(values.map((v, i) => [`e${i}`, v]));

describe('gradientFlow: vanishing and exploding from how the norm changes layer to layer', () => {
  it('a deep sigmoid network whose norm falls 10× per layer is vanishing towards the Input', () => {
    const n = [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1];
    const f = gradientFlow(chain(7), norms(n));
    expect(f.verdict).toBe('vanishing');
    expect(f.gainPerLayer).toBeCloseTo(1e-2, 5);
    expect(Object.keys(f.health).sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    expect(f.domain).toEqual([-7, -1]);
  });

  it('a large norm at the Input of a healthy network is not exploding; a steady growth is', () => {
    // ‖∂L/∂x‖ = 10.6 at the Input, growing about 2.5× per layer with weights: healthy.
    const healthy = gradientFlow(chain(7), norms([10.6, 4, 4.2, 1.6, 1.7, 0.7, 0.7]));
    expect(healthy.verdict).toBeNull();
    expect(healthy.health).toEqual({});
    const exploding = gradientFlow(chain(7), norms([500, 100, 90, 10, 9, 1, 1]));
    expect(exploding.verdict).toBe('exploding');
    expect(exploding.health).toMatchObject({ e0: 'exploding', e1: 'exploding', e2: 'exploding' });
  });

  it('spreads near-equal norms over at least a decade, and places each norm in the range', () => {
    const f = gradientFlow(chain(3), norms([0.5, 0.5, 0.5]));
    expect(f.domain[1] - f.domain[0]).toBeCloseTo(1);
    expect(flowPosition(0.5, f.domain)).toBeCloseTo(0.5);
    expect(flowPosition(0, f.domain)).toBe(0);
    expect(flowPosition(Number.NaN, f.domain)).toBe(1);
    expect(gradientFlow(chain(3), {}).verdict).toBeNull();
  });
});

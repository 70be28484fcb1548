import { describe, expect, it } from 'vitest';
import { armBreakpoints, type BreakpointEntry } from './watch';
import { f32, layer, linearWithGradNorm, stepOf } from './testing';
import { CONDITIONS } from './registry';

const layers = [
  { nodeId: 'fc1', type: 'Linear', hasParams: true },
  { nodeId: 'relu1', type: 'ReLU', hasParams: false },
  { nodeId: 'fc2', type: 'Linear', hasParams: true },
  { nodeId: 'loss', type: 'CrossEntropyLoss', hasParams: false },
] as const;

const view = (step: number, loss: number, gradFc1 = 1, reluOut = f32(1, 1, 1, 1)) =>
  stepOf(step, loss, [linearWithGradNorm('fc1', gradFc1), layer('relu1', 'ReLU', { output: reluOut, previousNodeId: 'fc1' }), linearWithGradNorm('fc2', 1), layer('loss', 'CrossEntropyLoss')]);

describe('the registry', () => {
  it('holds one module per condition, each with what the panel, the schema and the loop need', () => {
    expect(CONDITIONS.map((c) => c.kind)).toEqual(['non-finite', 'divergence', 'dead-units', 'vanishing', 'exploding', 'plateau']);
    for (const c of CONDITIONS) {
      expect(c.label.length).toBeGreaterThan(0);
      expect(c.help.length).toBeGreaterThan(0);
      for (const p of c.params) expect(p.default >= p.min && p.default <= p.max).toBe(true);
      if (c.scope === 'layer') {
        expect(c.appliesTo).toBeTypeOf('function');
        expect(c.menuLabel!(Object.fromEntries(c.params.map((p) => [p.name, p.default])))).toMatch(/^Pause when /);
      }
    }
    expect(CONDITIONS.filter((c) => c.onByDefault).map((c) => c.kind)).toEqual(['non-finite', 'divergence']);
  });
});

describe('armBreakpoints', () => {
  it('arms the defaults (non-finite values and divergence) when the document has none', () => {
    expect(armBreakpoints(undefined, layers).kinds).toEqual(['non-finite', 'divergence']);
  });

  it('arms a per-layer condition on every layer it applies to, model-wide, or on one node', () => {
    expect(armBreakpoints([{ condition: 'vanishing', on: true }], layers).kinds).toEqual(['non-finite', 'divergence', 'vanishing', 'vanishing']);
    expect(armBreakpoints([{ condition: 'vanishing', on: true, node: 'fc2' }], layers).kinds).toEqual(['non-finite', 'divergence', 'vanishing']);
    // A layer's own entry wins over the model-wide one: off on fc1, on elsewhere.
    const entries: BreakpointEntry[] = [{ condition: 'vanishing', on: true }, { condition: 'vanishing', on: false, node: 'fc1' }, { condition: 'divergence', on: false }];
    expect(armBreakpoints(entries, layers).kinds).toEqual(['non-finite', 'vanishing']);
    // A layer the condition does not apply to is not watched, whatever the entry says.
    expect(armBreakpoints([{ condition: 'dead-units', on: true, node: 'fc1' }], layers).kinds).toEqual(['non-finite', 'divergence']);
  });

  it('uses the layer entry’s own threshold', () => {
    const w = armBreakpoints([{ condition: 'vanishing', on: true, epsilon: 1e-3 }, { condition: 'vanishing', on: true, node: 'fc2', epsilon: 1e-9 }], layers);
    const hit = w.step(view(1, 1, 1e-4));
    expect(hit).toMatchObject({ condition: 'vanishing', label: 'Vanishing gradient', nodeId: 'fc1', step: 1 });
  });
});

describe('BreakpointWatch', () => {
  it('fires when a condition becomes true, stays quiet while it holds, fires again after it cleared', () => {
    const w = armBreakpoints([{ condition: 'vanishing', on: true, node: 'fc1', epsilon: 1e-3 }], layers);
    const grads = [1, 1e-4, 1e-4, 1e-4, 1, 1e-4];
    const fired = grads.map((g, i) => w.step(view(i + 1, 1, g)) !== null);
    expect(fired).toEqual([false, true, false, false, false, true]);
  });

  it('reports the first condition in registry order, the others that began with it alongside', () => {
    const w = armBreakpoints([{ condition: 'dead-units', on: true, threshold: 0.1 }, { condition: 'vanishing', on: true }], layers);
    const hit = w.step(view(3, 1, 1e-9, f32(0, 0, 0, 0)));
    expect(hit!.condition).toBe('dead-units');
    expect(hit!.also).toHaveLength(1);
    expect(hit!.also[0]).toMatch(/^fc1 .*gradient norm 1\.00e-9 below/);
  });

  it('keeps what an unchanged condition knows when the breakpoints are edited during a pause', () => {
    const entries: BreakpointEntry[] = [{ condition: 'vanishing', on: true, node: 'fc1', epsilon: 1e-3 }];
    const w = armBreakpoints(entries, layers);
    expect(w.step(view(1, 1, 1e-4))).not.toBeNull();
    // Plateau turned on: the vanishing condition is the same one, still fired, so still quiet.
    w.rearm(armBreakpoints([...entries, { condition: 'plateau', on: true }], layers));
    expect(w.step(view(2, 1, 1e-4))).toBeNull();
    // Its threshold changed: a new condition, which fires on its own.
    w.rearm(armBreakpoints([{ ...entries[0], epsilon: 1e-2 }], layers));
    expect(w.step(view(3, 1, 1e-4))).not.toBeNull();
  });

  it('checks evaluations for the conditions on the curves', () => {
    const w = armBreakpoints([{ condition: 'plateau', on: true, evaluations: 1 }], layers);
    expect(w.evaluation({ step: 10, accuracy: 0.5 })).toBeNull();
    expect(w.evaluation({ step: 20, accuracy: 0.4 })).toMatchObject({ condition: 'plateau', step: 20 });
  });
});

import { describe, expect, it } from 'vitest';
import { buildMlpGraph, defaultTraining, type ModelDocument } from '../model';
import { EngineService } from './service';

function doc(): ModelDocument {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [8, 6], activation: 'tanh', dropout: 0.3 });
  const training = defaultTraining();
  Object.assign(training.dataset, { kind: 'spiral', samples: 60, classes: 3 });
  training.batch_size = 16;
  return { format: 'backprop-studio/model', version: 2, name: 'jvp', seed: 3, nodes, edges, training } as ModelDocument;
}

describe('EngineService: J·v beside gᵀJ', () => {
  it('⟨g, J v⟩ = ⟨Jᵀg, v⟩ on every layer of the last pass, dropout and loss included, after a gradient check touched the layers', () => {
    const s = new EngineService();
    expect(s.load(doc()).ok).toBe(true);
    const b = s.backward();
    s.gradcheck();
    for (const l of s.plan!.layers) {
      const r = s.jvp(l.nodeId, { kind: 'random', seed: 11 });
      expect(r.relativeDifference, l.nodeId).toBeLessThan(1e-5);
      expect(Math.abs(r.gJv), l.nodeId).toBeGreaterThan(0);
      expect(r.v.shape).toEqual(b.nodes[l.nodeId].dIn.shape);
      // The same seed draws the same v.
      expect(s.jvp(l.nodeId, { kind: 'random', seed: 11 }).gJv).toBe(r.gJv);
    }
    expect(s.jvp('loss', { kind: 'random', seed: 1 }).jv.shape).toEqual([]);
  });

  it('with v one input entry, ⟨Jᵀg, v⟩ is that entry of the backward pass’s ∂L/∂in', () => {
    const s = new EngineService();
    s.load(doc());
    s.backward();
    const din = s.tensor('fc2', 'dIn')!;
    const k = 5;
    const r = s.jvp('fc2', { kind: 'basis', index: k });
    expect(r.jtgV).toBeCloseTo(din.data[k], 7);
    expect(r.gJv).toBeCloseTo(din.data[k], 5);
    expect(() => s.jvp('fc2', { kind: 'basis', index: 10_000 })).toThrow(/outside the layer's input, which has 128 entries/);
  });

  it('asks for the backward pass first', () => {
    const s = new EngineService();
    s.load(doc());
    s.forward();
    expect(() => s.jvp('fc1', { kind: 'random', seed: 1 })).toThrow(/backward pass down to this layer first/);
  });
});

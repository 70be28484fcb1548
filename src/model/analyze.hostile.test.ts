import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { compileGraph } from './compile';
import { MAX_DIAGNOSTICS, MAX_PINNED_EDGES } from './diagnostics';
import { encodeFloat32 } from './base64';
import { MAX_ACTIVATION_BYTES, MAX_MODEL_PARAMS } from './limits';
import { defaultTraining, type ModelDocument, type ModelEdge, type ModelNode } from './schema';

/**
 * Graphs built to hurt: the analysis stays near-linear and its diagnostics bounded however
 * the graph is wired, and a model too large for a tab is refused before anything is built.
 */

type Graph = Pick<ModelDocument, 'nodes' | 'edges'> & { training?: ModelDocument['training'] };

const node = (id: string, type: ModelNode['type'], params: Record<string, number> = {}): ModelNode => ({ id, type, params, position: { x: 0, y: 0 } }) as ModelNode;
const edge = (id: string, source: string, target: string): ModelEdge => ({ id, source, target });

/** Every message, joined: what the editor and the worker would have to hold and copy. */
function totalChars(g: Graph): number {
  return analyzeGraph(g).diagnostics.reduce((s, d) => s + d.message.length + (d.edgeIds?.length ?? 0) * 8, 0);
}

describe('analyzeGraph on hostile graphs', () => {
  it('reports a ring of 9,999 ReLUs as one cycle, with a bounded list of its members', () => {
    const n = 9_999;
    const nodes = [node('in', 'Input', { features: 2 }), ...Array.from({ length: n }, (_, i) => node(`r${i}`, 'ReLU'))];
    const edges = [edge('e-in', 'in', 'r0'), ...Array.from({ length: n }, (_, i) => edge(`e${i}`, `r${i}`, `r${(i + 1) % n}`))];
    const a = analyzeGraph({ nodes, edges });
    const cycles = a.diagnostics.filter((d) => /cycle/.test(d.message));
    expect(cycles).toHaveLength(1);
    expect(cycles[0].message).toMatch(/^These 9999 connections form a cycle \(ReLU 'r\d+', .* and 9,993 more\)/);
    expect(cycles[0].message.length).toBeLessThan(400);
    expect(cycles[0].edgeIds).toHaveLength(MAX_PINNED_EDGES);
    expect(a.plan).toBeNull();
    expect(totalChars({ nodes, edges })).toBeLessThan(20_000);
  });

  it('reports 10,000 parallel connections once, and keeps 100,000 of them cheap', () => {
    const nodes = [node('in', 'Input', { features: 2 }), node('fc', 'Linear', { out_features: 2 }), node('loss', 'CrossEntropyLoss')];
    for (const count of [10_000, 100_000]) {
      const edges = [...Array.from({ length: count }, (_, i) => edge(`p${i}`, 'in', 'fc')), edge('last', 'fc', 'loss')];
      const a = analyzeGraph({ nodes, edges });
      const repeats = a.diagnostics.filter((d) => /connected to/.test(d.message));
      expect(repeats).toHaveLength(1);
      expect(repeats[0].message).toBe(`Input 'in' is connected to Linear 'fc' ${count.toLocaleString('en-US').replace(/,/g, '')} times; one connection carries the data. Remove the others.`);
      expect(repeats[0].edgeIds!.length).toBeLessThanOrEqual(MAX_PINNED_EDGES);
      // The repeats are the only problem: the shapes still flow through the kept connection.
      expect(a.diagnostics).toHaveLength(1);
      expect(a.nodeShapes.loss).toEqual([]);
    }
  });

  it('bounds the list of diagnostics, counting the rest', () => {
    const count = 5_000;
    const nodes = [node('in', 'Input', { features: 2 }), ...Array.from({ length: count }, (_, i) => node(`lr${i}`, 'LeakyReLU', { alpha: 2 }))];
    const a = analyzeGraph({ nodes, edges: [] });
    expect(a.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    const last = a.diagnostics[a.diagnostics.length - 1];
    expect(last.severity).toBe('error');
    // Each LeakyReLU has a bad alpha (an error) and is not connected (a warning).
    expect(last.message).toBe('… and 4,800 errors and 5,000 warnings more, not listed; fix the ones above first.');
  });

  it('quotes long ids and labels clipped, never whole', () => {
    const long = 'x'.repeat(100_000);
    const a = analyzeGraph({ nodes: [node('in', 'Input', { features: 2 }), { ...node(long, 'ReLU'), label: long }], edges: [edge(long, 'in', 'missing-' + long)] });
    for (const d of a.diagnostics) expect(d.message.length).toBeLessThan(300);
  });

  it('refuses 49 billion parameters before building anything, naming the size, the limit and the layer', () => {
    const nodes = [
      node('in', 'Input', { features: 7_000 }),
      node('fc1', 'Linear', { out_features: 1_000_000 }),
      node('fc2', 'Linear', { out_features: 49_000 }),
      node('loss', 'CrossEntropyLoss'),
    ];
    const edges = [edge('e1', 'in', 'fc1'), edge('e2', 'fc1', 'fc2'), edge('e3', 'fc2', 'loss')];
    const r = compileGraph({ nodes, edges, seed: 1 });
    expect(r.ok).toBe(false);
    const big = r.diagnostics.find((d) => /parameters/.test(d.message))!;
    expect(big).toMatchObject({ nodeId: 'fc2', field: 'out_features', severity: 'error' });
    expect(big.message).toMatch(/^The model would hold 56,001,049,000 parameters \(209 GiB as float32\); the limit is 20,000,000\. Linear 'fc2' alone holds 49,000,049,000: make it smaller\.$/);
    expect(1_000_000 * 49_000).toBeGreaterThan(MAX_MODEL_PARAMS);
  });

  it('refuses activations that do not fit a tab: Input 1 → Linear 1,000,000 on a 100,000-sample random batch', () => {
    const training = defaultTraining();
    training.dataset = { ...training.dataset, kind: 'random', samples: 100_000 };
    const nodes = [node('in', 'Input', { features: 1 }), node('fc', 'Linear', { out_features: 1_000_000 }), node('loss', 'CrossEntropyLoss')];
    const edges = [edge('e1', 'in', 'fc'), edge('e2', 'fc', 'loss')];
    const a = analyzeGraph({ nodes, edges, training });
    expect(a.plan).toBeNull();
    const msg = a.diagnostics.find((d) => /activations/.test(d.message))!;
    expect(msg).toMatchObject({ nodeId: 'fc', field: 'out_features' });
    expect(msg.message).toBe(
      "A forward pass over 100,000 samples would keep 373 GiB of activations (1,000,001 numbers per sample); the limit is 512 MiB. Make Linear 'fc' narrower, or use fewer samples or a smaller batch.",
    );
    // A tenth as wide on the default 300 samples fits (120 MB).
    const narrower = nodes.map((n) => (n.id === 'fc' ? node('fc', 'Linear', { out_features: 100_000 }) : n));
    expect(analyzeGraph({ nodes: narrower, edges, training: defaultTraining() }).plan).not.toBeNull();
    expect(MAX_ACTIVATION_BYTES).toBe(512 * 2 ** 20);
  });

  it('reads weights of nodes named like Object methods from the document itself', () => {
    for (const id of ['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__defineGetter__']) {
      const nodes = [node('in', 'Input', { features: 2 }), node(id, 'Linear', { out_features: 2 }), node('loss', 'CrossEntropyLoss')];
      const edges = [edge('e1', 'in', id), edge('e2', id, 'loss')];
      const w = { w: { shape: [2, 2], dtype: 'float32' as const, data: encodeFloat32(Float32Array.from([1, 2, 3, 4])) }, b: { shape: [2], dtype: 'float32' as const, data: encodeFloat32(Float32Array.from([5, 6])) } };
      const weights = Object.defineProperty({}, id, { value: w, enumerable: true });
      const r = compileGraph({ nodes, edges, seed: 1, weights });
      expect(r.ok, `${id}: ${r.diagnostics.map((d) => d.message).join('; ')}`).toBe(true);
      if (r.ok) expect([...r.model.layers[0].params()[0].value.data]).toEqual([1, 2, 3, 4]);
      // Without stored weights, the id is not mistaken for some inherited entry.
      expect(compileGraph({ nodes, edges, seed: 1, weights: {} }).ok).toBe(true);
    }
  });

  it('gives absent parameters their documented defaults', () => {
    const nodes = [node('in', 'Input'), node('fc', 'Linear'), node('act', 'LeakyReLU'), node('drop', 'Dropout'), node('fc2', 'Linear', { out_features: 3 }), node('loss', 'CrossEntropyLoss')];
    const edges = [edge('e1', 'in', 'fc'), edge('e2', 'fc', 'act'), edge('e3', 'act', 'drop'), edge('e4', 'drop', 'fc2'), edge('e5', 'fc2', 'loss')];
    const a = analyzeGraph({ nodes, edges });
    expect(a.diagnostics).toEqual([]);
    expect(a.plan!.inputFeatures).toBe(2);
    expect(a.plan!.layers.map((l) => l.title)).toEqual(['Linear(2 → 16)', 'LeakyReLU(α=0.01)', 'Dropout(p=0.5)', 'Linear(16 → 3)', 'Cross-entropy loss']);
  });
});

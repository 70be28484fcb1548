import { describe, expect, it } from 'vitest';
import { createRng, CrossEntropyLoss, Linear, MLP, Sequential, Tensor } from '../engine';
import { analyzeGraph } from './analyze';
import { encodeFloat32 } from './base64';
import { buildMlpGraph } from './build-mlp';
import { compileGraph } from './compile';
import { exportModelDocument } from './export';
import { wouldCreateCycle } from './graph';
import type { ModelDocument, ModelEdge, ModelNode } from './schema';

function doc(nodes: ModelNode[], edges: ModelEdge[], extra: Partial<ModelDocument> = {}): ModelDocument {
  return { format: 'backprop-studio/model', version: 2, name: 't', seed: 7, nodes, edges, ...extra };
}
const node = (id: string, type: ModelNode['type'], params: Record<string, number> = {}): ModelNode =>
  ({ id, type, params, position: { x: 0, y: 0 } }) as ModelNode;
const edge = (id: string, source: string, target: string): ModelEdge => ({ id, source, target });

/** Input(4) → Linear(4→3) → ReLU → Linear(3→2) → loss, with ids in, fc1, act, fc2, loss. */
function chain(): ModelDocument {
  return doc(
    [node('in', 'Input', { features: 4 }), node('fc1', 'Linear', { in_features: 4, out_features: 3 }), node('act', 'ReLU'), node('fc2', 'Linear', { out_features: 2 }), node('loss', 'CrossEntropyLoss')],
    [edge('e1', 'in', 'fc1'), edge('e2', 'fc1', 'act'), edge('e3', 'act', 'fc2'), edge('e4', 'fc2', 'loss')],
  );
}

function errors(d: ModelDocument) {
  return analyzeGraph(d).diagnostics.filter((x) => x.severity === 'error');
}
function warnings(d: ModelDocument) {
  return analyzeGraph(d).diagnostics.filter((x) => x.severity === 'warning');
}

describe('compileGraph: a valid chain', () => {
  it('builds the Sequential, infers in_features and gives shapes and parameter counts', () => {
    const r = compileGraph(chain());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.diagnostics).toEqual([]);
    expect(r.model.layers.map(String)).toEqual(['Linear(in_features=4, out_features=3)', 'ReLU', 'Linear(in_features=3, out_features=2)', 'CrossEntropyLoss']);
    expect(r.plan.chain).toEqual(['in', 'fc1', 'act', 'fc2', 'loss']);
    expect(r.plan.edgeShapes).toEqual({ e1: ['N', 4], e2: ['N', 3], e3: ['N', 3], e4: ['N', 2] });
    expect(r.plan.nodeShapes.loss).toEqual([]);
    expect(r.plan.paramCounts).toMatchObject({ fc1: 15, act: 0, fc2: 8, loss: 0 });
    expect(r.plan.totalParams).toBe(23);
    expect(r.plan.layers[2]).toMatchObject({ nodeId: 'fc2', index: 2, title: 'Linear(3 → 2)', resolved: { in_features: 3, out_features: 2 }, inEdgeId: 'e3' });
    expect(r.plan.layers[0].params).toEqual([{ name: 'w', shape: [3, 4] }, { name: 'b', shape: [3] }]);
    expect(r.plan.lossNodeId).toBe('loss');
    expect(r.plan.outputFeatures).toBe(2);
  });

  it('initialises the same weights for the same document and seed, per node', () => {
    const a = compileGraph(chain());
    const b = compileGraph(chain());
    const c = compileGraph({ ...chain(), seed: 8 });
    if (!a.ok || !b.ok || !c.ok) throw new Error('did not compile');
    const w = (r: typeof a) => Array.from((r.model.layers[0] as Linear).w.data);
    expect(w(a)).toEqual(w(b));
    expect(w(a)).not.toEqual(w(c));
    // Changing another node leaves fc1's initial weights alone.
    const d = chain();
    (d.nodes[3].params as Record<string, number>).out_features = 5;
    const e = compileGraph(d);
    if (!e.ok) throw new Error('did not compile');
    expect(w(e)).toEqual(w(a));
  });

  it('loads stored weights bit-exactly, and export gives the same document back', () => {
    const d = chain();
    const w = new Float32Array([0.1, -0, 1e-40, 3.4e38, -2, 5, 6, 7, 8, 9, 10, 11]);
    const b = new Float32Array([1, 2, 3]);
    d.weights = { fc1: { w: { shape: [3, 4], dtype: 'float32', data: encodeFloat32(w) }, b: { shape: [3], dtype: 'float32', data: encodeFloat32(b) } } };
    const r = compileGraph(d);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const fc1 = r.model.layers[0] as Linear;
    expect(new Uint32Array(fc1.w.data.buffer)).toEqual(new Uint32Array(w.buffer));
    const out = exportModelDocument(d, { model: { model: r.model, plan: r.plan } });
    expect(out.weights!.fc1).toEqual(d.weights.fc1);
    expect(Object.keys(out.weights!)).toEqual(['fc1', 'fc2']);
    expect(exportModelDocument(d, { architectureOnly: true }).weights).toBeUndefined();
  });

  it('reports stored weights whose shape does not fit the layer', () => {
    const d = chain();
    d.weights = { fc1: { w: { shape: [4, 3], dtype: 'float32', data: encodeFloat32(new Float32Array(12)) }, b: { shape: [3], dtype: 'float32', data: encodeFloat32(new Float32Array(3)) } } };
    const r = compileGraph(d);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'fc1', message: expect.stringMatching(/shape \[4, 3\].*needs \[3, 4\]/) }));
  });

  it('a document carrying the homework MLP weights gives the gradients of the engine MLP', () => {
    const rng = createRng(3);
    const mlp = new MLP(10, 10, [100, 50, 100], { activation: 'relu', rng });
    const g = buildMlpGraph({ inFeatures: 10, numClasses: 10, hiddenFeatures: [100, 50, 100], activation: 'relu' });
    const linears = mlp.sequence.layers.filter((l): l is Linear => l instanceof Linear);
    const fcNodes = g.nodes.filter((n) => n.type === 'Linear');
    const weights: NonNullable<ModelDocument['weights']> = {};
    fcNodes.forEach((n, i) => {
      weights[n.id] = {
        w: { shape: [...linears[i].w.shape], dtype: 'float32', data: encodeFloat32(linears[i].w.data as Float32Array) },
        b: { shape: [...linears[i].b.shape], dtype: 'float32', data: encodeFloat32(linears[i].b.data as Float32Array) },
      };
    });
    const r = compileGraph(doc(g.nodes, g.edges, { weights }));
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const x = Tensor.randn([100, 10], rng);
    const y = Int32Array.from({ length: 100 }, () => rng.int(10));
    const ref = new Sequential(mlp, new CrossEntropyLoss());
    const l1 = ref.forward(x, y).item();
    const dx1 = ref.backward();
    const l2 = r.model.forward(x, y).item();
    const dx2 = r.model.backward();
    expect(l2).toBe(l1);
    expect(dx2.data).toEqual(dx1.data);
    const p1 = ref.params();
    const p2 = r.model.params();
    expect(p2.length).toBe(p1.length);
    p1.forEach((p, i) => expect(p2[i].grad.data).toEqual(p.grad.data));
  });
});

describe('analyzeGraph: one diagnostic per kind, each pinned', () => {
  it('no Input node', () => {
    const d = chain();
    d.nodes = d.nodes.filter((n) => n.id !== 'in');
    d.edges = d.edges.filter((e) => e.source !== 'in');
    expect(errors(d)).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/no Input node/) }));
  });

  it('several Input nodes', () => {
    const d = chain();
    d.nodes.push(node('in2', 'Input', { features: 3 }));
    expect(errors(d)).toContainEqual(expect.objectContaining({ nodeId: 'in2', message: expect.stringMatching(/2 Input nodes/) }));
  });

  it('a cycle, reported once and pinned to each of its edges', () => {
    const d = chain();
    d.edges.push(edge('back', 'fc2', 'fc1'));
    const cyc = errors(d).filter((x) => /cycle/.test(x.message));
    expect(cyc).toHaveLength(1);
    expect(cyc[0].message).toMatch(/^These 3 connections form a cycle \(.*Linear 'fc1'.*\)/);
    expect([...cyc[0].edgeIds!].sort()).toEqual(['back', 'e2', 'e3']);
    expect(cyc[0].edgeIds).toContain(cyc[0].edgeId);
  });

  it('a self-loop is a cycle', () => {
    const d = chain();
    d.edges.push(edge('self', 'act', 'act'));
    expect(errors(d)).toContainEqual(expect.objectContaining({ edgeId: 'self', message: expect.stringMatching(/cycle/) }));
  });

  it('a fan-out', () => {
    const d = chain();
    d.nodes.push(node('side', 'Sigmoid'));
    d.edges.push(edge('e5', 'act', 'side'));
    expect(errors(d)).toContainEqual(expect.objectContaining({ nodeId: 'act', edgeId: 'e5', message: expect.stringMatching(/feeds 2 nodes/) }));
  });

  it('a fan-in', () => {
    const d = chain();
    d.nodes.push(node('side', 'Sigmoid'));
    d.edges.push(edge('e5', 'side', 'fc2'));
    expect(errors(d)).toContainEqual(expect.objectContaining({ nodeId: 'fc2', edgeId: 'e5', message: expect.stringMatching(/receives 2 inputs/) }));
  });

  it('a node not connected at all is a warning, and the model still compiles', () => {
    const d = chain();
    d.nodes.push(node('lonely', 'TanH'));
    expect(warnings(d)).toContainEqual(expect.objectContaining({ nodeId: 'lonely', message: expect.stringMatching(/not connected/) }));
    expect(compileGraph(d).ok).toBe(true);
  });

  it('a fragment not reachable from the Input is a warning', () => {
    const d = chain();
    d.nodes.push(node('a', 'Linear', { out_features: 2 }), node('b', 'TanH'));
    d.edges.push(edge('e9', 'a', 'b'));
    const w = warnings(d);
    expect(w).toContainEqual(expect.objectContaining({ nodeId: 'a', message: expect.stringMatching(/not connected to the Input/) }));
    expect(w).toContainEqual(expect.objectContaining({ nodeId: 'b' }));
  });

  it('a loss that is not last', () => {
    const d = chain();
    d.nodes.push(node('after', 'ReLU'));
    d.edges.push(edge('e5', 'loss', 'after'));
    expect(errors(d)).toContainEqual(expect.objectContaining({ nodeId: 'loss', edgeId: 'e5', message: expect.stringMatching(/must be the last node/) }));
  });

  it('a Linear whose in_features disagrees with what flows in', () => {
    const d = chain();
    (d.nodes[3].params as Record<string, number>).in_features = 5;
    const e = errors(d);
    expect(e).toEqual([expect.objectContaining({ nodeId: 'fc2', edgeId: 'e3', field: 'in_features', message: expect.stringMatching(/expects 5 input features.*receives 3/) })]);
    // Fixing it clears the diagnostic.
    (d.nodes[3].params as Record<string, number>).in_features = 3;
    expect(errors(d)).toEqual([]);
  });

  it('sizes that are not positive integers', () => {
    const d = chain();
    (d.nodes[0].params as Record<string, number>).features = 0;
    (d.nodes[1].params as Record<string, number>).out_features = 2.5;
    const e = errors(d);
    expect(e).toContainEqual(expect.objectContaining({ nodeId: 'in', field: 'features', message: expect.stringMatching(/positive whole number.*got 0/) }));
    expect(e).toContainEqual(expect.objectContaining({ nodeId: 'fc1', field: 'out_features', message: expect.stringMatching(/whole number, got 2.5/) }));
  });

  it('alpha and p outside their ranges', () => {
    const d = doc(
      [node('in', 'Input', { features: 2 }), node('lr', 'LeakyReLU', { alpha: 1 }), node('dr', 'Dropout', { p: -0.1 })],
      [edge('e1', 'in', 'lr'), edge('e2', 'lr', 'dr')],
    );
    const e = errors(d);
    expect(e).toContainEqual(expect.objectContaining({ nodeId: 'lr', field: 'alpha', message: expect.stringMatching(/< 1, got 1/) }));
    expect(e).toContainEqual(expect.objectContaining({ nodeId: 'dr', field: 'p', message: expect.stringMatching(/≥ 0.*got -0.1/) }));
  });

  it('a connection to a node that does not exist', () => {
    const d = chain();
    d.edges.push(edge('ghost', 'fc2', 'nowhere'));
    expect(errors(d)).toContainEqual(expect.objectContaining({ edgeId: 'ghost', message: expect.stringMatching(/'nowhere'/) }));
  });

  it('a connection into the Input', () => {
    const d = chain();
    d.nodes.push(node('pre', 'ReLU'));
    d.edges.push(edge('e0', 'pre', 'in'));
    expect(errors(d)).toContainEqual(expect.objectContaining({ nodeId: 'in', edgeId: 'e0', message: expect.stringMatching(/cannot receive/) }));
  });

  it('a model too big to hold, naming its largest layer', () => {
    const d = chain();
    (d.nodes[0].params as Record<string, number>).features = 100_000;
    (d.nodes[1].params as Record<string, number>).in_features = 100_000;
    (d.nodes[1].params as Record<string, number>).out_features = 1000;
    expect(errors(d)).toContainEqual(
      expect.objectContaining({ nodeId: 'fc1', field: 'out_features', message: expect.stringMatching(/100,00\d,\d{3} parameters.*limit is 20,000,000.*'fc1' alone holds 100,001,000/) }),
    );
  });

  it('a chain without a loss is a warning', () => {
    const d = chain();
    d.nodes = d.nodes.filter((n) => n.id !== 'loss');
    d.edges = d.edges.filter((e) => e.target !== 'loss');
    expect(warnings(d)).toContainEqual(expect.objectContaining({ nodeId: 'fc2', message: expect.stringMatching(/does not end in a loss/) }));
    const r = compileGraph(d);
    expect(r.ok && r.plan.lossNodeId).toBe(null);
  });

  it('reports every problem at once and keeps shapes where it can', () => {
    const d = chain();
    (d.nodes[3].params as Record<string, number>).in_features = 9;
    d.nodes.push(node('in2', 'Input', { features: 1 }), node('x', 'Dropout', { p: 2 }));
    const r = compileGraph(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.filter((x) => x.severity === 'error').length).toBeGreaterThanOrEqual(3);
    expect(r.nodeShapes.act).toEqual(['N', 3]);
  });
});

describe('wouldCreateCycle', () => {
  it('refuses a connection back up the chain and a self-loop, allows forward ones', () => {
    const d = chain();
    expect(wouldCreateCycle(d.edges, 'fc2', 'fc1')).toBe(true);
    expect(wouldCreateCycle(d.edges, 'act', 'act')).toBe(true);
    expect(wouldCreateCycle(d.edges, 'in', 'fc2')).toBe(false);
  });
});

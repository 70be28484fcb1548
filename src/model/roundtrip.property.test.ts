import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, createRng } from '../engine';
import { compileGraph } from './compile';
import { exportModelDocument } from './export';
import { parseModelDocument } from './parse';
import { FORMAT, type ModelDocument, type ModelEdge, type ModelNode } from './schema';
import { serializeModelDocument } from './serialize';

type LayerSpec =
  | { type: 'Linear'; out: number; explicitIn: boolean; wstd?: number }
  | { type: 'ReLU' | 'Sigmoid' | 'TanH' }
  | { type: 'LeakyReLU'; alpha: number }
  | { type: 'Dropout'; p: number };

const layer: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record({ type: fc.constant('Linear' as const), out: fc.integer({ min: 1, max: 12 }), explicitIn: fc.boolean(), wstd: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: undefined }) }),
  fc.record({ type: fc.constantFrom('ReLU' as const, 'Sigmoid' as const, 'TanH' as const) }),
  fc.record({ type: fc.constant('LeakyReLU' as const), alpha: fc.double({ min: 0, max: 0.99, noNaN: true }) }),
  fc.record({ type: fc.constant('Dropout' as const), p: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
);

/** A random valid chain: Input → layers → (a Linear to the classes) → optional loss. */
const chain = fc.record({
  features: fc.integer({ min: 1, max: 10 }),
  layers: fc.array(layer, { maxLength: 8 }),
  classes: fc.integer({ min: 2, max: 6 }),
  loss: fc.boolean(),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  ids: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !['__proto__', 'constructor', 'prototype'].includes(s)), { minLength: 12, maxLength: 12 }),
});

type ChainSpec = typeof chain extends fc.Arbitrary<infer T> ? T : never;

function build(spec: ChainSpec): ModelDocument {
  const nodes: ModelNode[] = [];
  let features = spec.features;
  const add = (type: ModelNode['type'], params: Record<string, number>) =>
    nodes.push({ id: spec.ids[nodes.length], type, params, position: { x: nodes.length * 200, y: 0 } } as ModelNode);
  add('Input', { features });
  for (const l of spec.layers) {
    if (l.type === 'Linear') {
      const params: Record<string, number> = { out_features: l.out };
      if (l.explicitIn) params.in_features = features;
      if (l.wstd !== undefined) params.wstd = l.wstd;
      add('Linear', params);
      features = l.out;
    } else if (l.type === 'LeakyReLU') add('LeakyReLU', { alpha: l.alpha });
    else if (l.type === 'Dropout') add('Dropout', { p: l.p });
    else add(l.type, {});
  }
  add('Linear', { out_features: spec.classes });
  if (spec.loss) add('CrossEntropyLoss', {});
  const edges: ModelEdge[] = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, target: n.id }));
  return { format: FORMAT, version: 2, name: 'random chain', seed: spec.seed, nodes, edges };
}

describe('random valid chains', () => {
  it('compile, and parse → compile → export gives the same document with bit-exact weights', () => {
    fc.assert(
      fc.property(chain, (spec) => {
        const doc = build(spec);
        const first = compileGraph(doc);
        if (!first.ok) throw new Error(JSON.stringify(first.diagnostics));
        expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        // Nudge the weights as training would, then save them.
        const rng = createRng(spec.seed);
        for (const p of first.model.params()) for (let i = 0; i < p.value.size; i++) p.value.data[i] += rng.normal();
        const saved = serializeModelDocument(exportModelDocument(doc, { model: { model: first.model, plan: first.plan } }));

        const parsed = parseModelDocument(saved);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const second = compileGraph(parsed.doc);
        if (!second.ok) throw new Error(JSON.stringify(second.diagnostics));
        const again = serializeModelDocument(exportModelDocument(parsed.doc, { model: { model: second.model, plan: second.plan } }));
        expect(again).toBe(saved);
        const { weights, ...rest } = parsed.doc;
        expect(rest).toEqual(doc);
        // (Object key order is the engine's: integer-like ids come first; the set is what matters.)
        expect(Object.keys(weights ?? {}).sort()).toEqual(first.plan.layers.filter((l) => l.type === 'Linear').map((l) => l.nodeId).sort());
        first.model.params().forEach((p, i) => {
          const q = second.model.params()[i];
          expect(new Uint32Array(Float32Array.from(q.value.data).buffer)).toEqual(new Uint32Array(Float32Array.from(p.value.data).buffer));
        });
        // The same model: the same outputs.
        const x = Tensor.randn([3, spec.features], createRng(1));
        const y = Int32Array.from({ length: 3 }, (_, i) => i % spec.classes);
        first.model.eval();
        second.model.eval();
        expect(second.model.forward(x, y).data).toEqual(first.model.forward(x, y).data);
      }),
      { numRuns: 150 },
    );
  });
});

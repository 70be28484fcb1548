import fc from 'fast-check';
import { encodeFloat32 } from './base64';
import { nodeKind, NODE_TYPES } from './kinds';
import { DATASET_KINDS, ESTIMATOR_KINDS, FORMAT, OPTIMIZER_KINDS, RESERVED_IDS, type ModelDocument, type StoredWeights } from './schema';

/**
 * Test support: documents for the reader's tests. `smallDocument` is a hand-written
 * valid model; `arbitraryDocument` draws valid documents of every shape the schema
 * allows, with every default written out, so that reading one gives back an equal object.
 */

/** Input(2) → Linear(2 → 3) → ReLU → Linear(3 → 2) → loss, with the weights of both layers. */
export function smallDocument(): ModelDocument {
  return {
    format: FORMAT,
    version: 2,
    name: 'Two-layer net',
    seed: 7,
    nodes: [
      { id: 'in', type: 'Input', params: { features: 2 }, position: { x: 0, y: 0 } },
      { id: 'fc1', type: 'Linear', params: { in_features: 2, out_features: 3 }, position: { x: 200, y: 0 } },
      { id: 'relu', type: 'ReLU', params: {}, position: { x: 400, y: 0 }, label: 'hidden activation' },
      { id: 'fc2', type: 'Linear', params: { out_features: 2 }, position: { x: 600, y: 0 } },
      { id: 'loss', type: 'CrossEntropyLoss', params: {}, position: { x: 800, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'fc1' },
      { id: 'e2', source: 'fc1', target: 'relu' },
      { id: 'e3', source: 'relu', target: 'fc2' },
      { id: 'e4', source: 'fc2', target: 'loss' },
    ],
    weights: {
      fc1: {
        w: { shape: [3, 2], dtype: 'float32', data: encodeFloat32(Float32Array.of(0.5, -1, 0.25, 2, -0, 1e-40)) },
        b: { shape: [3], dtype: 'float32', data: encodeFloat32(Float32Array.of(0, 0.1, -0.1)) },
      },
      fc2: {
        w: { shape: [2, 3], dtype: 'float32', data: encodeFloat32(Float32Array.of(1, 2, 3, 4, 5, 6)) },
        b: { shape: [2], dtype: 'float32', data: encodeFloat32(Float32Array.of(-1, 1)) },
      },
    },
  };
}

const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const text = (maxLength: number) =>
  fc.string({ unit: 'binary', maxLength }).filter((s) => s.length <= maxLength);
const id = fc
  .string({ unit: fc.constantFrom(...'abcdefgh_-0123456789 .é✓'), minLength: 1, maxLength: 8 })
  .filter((s) => !(RESERVED_IDS as readonly string[]).includes(s));
const fraction = (max: number) => fc.double({ min: 0, max, noNaN: true });
const size = fc.integer({ min: 1, max: 6 });

function tensor(shape: number[]) {
  const n = shape.reduce((a, b) => a * b, 1);
  return fc
    .array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n })
    .map((values) => ({ shape, dtype: 'float32' as const, data: encodeFloat32(Float32Array.from(values)) }));
}

const training = fc.record({
  dataset: fc.record(
    {
      kind: fc.constantFrom(...DATASET_KINDS),
      samples: fc.integer({ min: 1, max: 100_000 }),
      noise: fraction(10),
      classes: fc.integer({ min: 2, max: 1000 }),
      test_fraction: fraction(0.9),
      csv: fc.record({ name: text(260), text: text(200), label_column: text(20) }, { requiredKeys: ['name', 'text'] }),
    },
    { requiredKeys: ['kind', 'samples', 'noise', 'classes', 'test_fraction'] },
  ),
  optimizer: fc.record({
    kind: fc.constantFrom(...OPTIMIZER_KINDS),
    lr: fc.double({ min: 0, max: 1e6, noNaN: true }),
    momentum: fraction(0.999999),
    weight_decay: fc.double({ min: 0, max: 1e6, noNaN: true }),
    decay: fraction(0.999999),
    beta1: fraction(0.999999),
    beta2: fraction(0.999999),
    eps: fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
  }),
  batch_size: fc.integer({ min: 1, max: 100_000 }),
  epochs: fc.integer({ min: 1, max: 1_000_000 }),
  target_loss: fc.double({ min: 0, max: 1e6, noNaN: true }),
  update_every: fc.integer({ min: 1, max: 10_000 }),
  estimator: fc.record({
    kind: fc.constantFrom(...ESTIMATOR_KINDS),
    tangents: fc.integer({ min: 1, max: 1000 }),
    samples: fc.integer({ min: 1, max: 1000 }),
  }),
});

/** A node of any type; Linear sizes are small whole numbers or absent so that weights can match them. */
const nodeBody = fc.constantFrom(...NODE_TYPES).chain((type) => {
  const params: Record<string, fc.Arbitrary<number>> = {};
  for (const p of nodeKind(type).params) params[p.name] = type === 'Linear' && p.name !== 'wstd' ? size : finiteDouble;
  return fc.record(
    {
      type: fc.constant(type),
      params: fc.record(params, { requiredKeys: [] }),
      position: fc.record({ x: finiteDouble, y: finiteDouble }),
      label: text(200),
    },
    { requiredKeys: ['type', 'params', 'position'] },
  );
});

/** Any valid document: nodes with unique ids, edges between them, weights that fit their Linear layers. */
export const arbitraryDocument: fc.Arbitrary<ModelDocument> = fc
  .uniqueArray(id, { maxLength: 8 })
  .chain((ids) =>
    fc.record({
      name: text(200),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      nodes: fc.tuple(...ids.map((nodeId) => nodeBody.map((b) => ({ id: nodeId, ...b })))),
      edges:
        ids.length === 0
          ? fc.constant([])
          : fc.uniqueArray(fc.record({ id, source: fc.constantFrom(...ids), target: fc.constantFrom(...ids) }), {
              maxLength: 10,
              selector: (e) => e.id,
            }),
      withWeights: fc.boolean(),
      training: fc.option(training, { nil: undefined }),
    }),
  )
  .chain(({ nodes, withWeights, training: t, ...rest }) => {
    const linear = nodes.filter((n) => n.type === 'Linear');
    const entries = linear.map((n) =>
      fc.tuple(fc.boolean(), size, size).chain(([keep, inGuess, outGuess]) => {
        const p = n.params as { in_features?: number; out_features?: number };
        const out = p.out_features ?? outGuess;
        const inn = p.in_features ?? inGuess;
        return fc.record({ keep: fc.constant(keep), id: fc.constant(n.id), w: tensor([out, inn]), b: tensor([out]) });
      }),
    );
    return fc.tuple(...entries).map((drawn) => {
      const doc: ModelDocument = {
        format: FORMAT,
        version: 2,
        name: rest.name,
        seed: rest.seed,
        nodes: nodes as ModelDocument['nodes'],
        edges: [...rest.edges],
      };
      if (withWeights) {
        const weights: StoredWeights = {};
        for (const e of drawn) if (e.keep) weights[e.id] = { w: e.w, b: e.b };
        doc.weights = weights;
      }
      if (t) doc.training = t;
      return doc;
    });
  });

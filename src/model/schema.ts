import { z } from 'zod';
import { NODE_KINDS, nodeKind, type NodeType } from './kinds';

/**
 * The model document, version 1: the one place its shape is written. TypeScript types
 * are derived from it, and `public/schema/model.v1.json` is generated from it.
 *
 * The schema checks structure and types. Ranges of layer parameters (positive sizes,
 * 0 ≤ alpha < 1, …) are the compiler's to report, pinned to the node, so that a
 * document with a mistake still opens and the mistake shows where it is.
 */

export const FORMAT = 'backprop-studio/model';
export const CURRENT_VERSION = 1;

const finite = z.number();
const int = z.int();

/** Names that would reach a JavaScript object's prototype if used as a key (weights are keyed by node id). */
export const RESERVED_IDS = ['__proto__', 'constructor', 'prototype'] as const;

export const IdSchema = z
  .string()
  .min(1, 'an id cannot be empty')
  .max(128, 'an id is at most 128 characters long')
  .regex(/^(?!(?:__proto__|constructor|prototype)$)/, 'an id cannot be __proto__, constructor or prototype');

export const PositionSchema = z.strictObject({ x: finite, y: finite });

function paramsSchema(type: NodeType) {
  const shape: Record<string, z.ZodType> = {};
  for (const p of nodeKind(type).params) shape[p.name] = finite.optional();
  return z.strictObject(shape).default({});
}

function nodeSchema<T extends NodeType>(type: T) {
  return z.strictObject({
    id: IdSchema,
    type: z.literal(type),
    params: paramsSchema(type),
    position: PositionSchema.default({ x: 0, y: 0 }),
    label: z.string().max(200).optional(),
  });
}

export const NodeSchema = z.discriminatedUnion(
  'type',
  NODE_KINDS.map((k) => nodeSchema(k.type)) as unknown as [ReturnType<typeof nodeSchema>, ...ReturnType<typeof nodeSchema>[]],
);

export const EdgeSchema = z.strictObject({
  id: IdSchema,
  source: IdSchema,
  target: IdSchema,
});

/** A tensor stored as base64 of its little-endian float32 bytes. */
export const TensorSchema = z.strictObject({
  shape: z.array(int.min(0)).max(8),
  dtype: z.literal('float32'),
  data: z.string(),
});

/** node id → parameter name (`w`, `b`) → tensor. */
export const WeightsSchema = z.record(IdSchema, z.record(z.string(), TensorSchema));

export const DATASET_KINDS = ['spiral', 'circles', 'xor', 'blobs', 'moons', 'csv', 'random'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];
export const OPTIMIZER_KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

export const DatasetSchema = z.strictObject({
  kind: z.enum(DATASET_KINDS).default('spiral'),
  /** Number of samples generated (built-in datasets) or drawn (`random`). */
  samples: int.min(1).max(100_000).default(300),
  noise: finite.min(0).max(10).default(0.1),
  /** Classes of spiral, blobs and random; circles, xor and moons have 2. */
  classes: int.min(2).max(1000).default(3),
  /** Fraction of the samples held out for testing. */
  test_fraction: finite.min(0).max(0.9).default(0.2),
  /** The user's own data: numeric feature columns and an integer label column (the last, or `label_column`). */
  csv: z
    .strictObject({
      name: z.string().max(260),
      text: z.string(),
      label_column: z.string().optional(),
    })
    .optional(),
});

export const OptimizerSchema = z.strictObject({
  kind: z.enum(OPTIMIZER_KINDS).default('adam'),
  lr: finite.min(0).default(0.01),
  momentum: finite.min(0).max(0.999999).default(0.9),
  weight_decay: finite.min(0).default(0),
  /** RMSProp's decay ρ. */
  decay: finite.min(0).max(0.999999).default(0.99),
  beta1: finite.min(0).max(0.999999).default(0.9),
  beta2: finite.min(0).max(0.999999).default(0.999),
  eps: finite.gt(0).default(1e-8),
});

export const TrainingSchema = z.strictObject({
  dataset: DatasetSchema.default(DatasetSchema.parse({})),
  optimizer: OptimizerSchema.default(OptimizerSchema.parse({})),
  batch_size: int.min(1).max(100_000).default(32),
  /** Training stops after this many passes over the training set. */
  epochs: int.min(1).max(1_000_000).default(500),
  /** Training stops once the training loss is at or below this (0: never). */
  target_loss: finite.min(0).default(0),
  /** Live views refresh every this many training steps. */
  update_every: int.min(1).max(10_000).default(10),
});

export const ModelDocumentSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(CURRENT_VERSION),
  name: z.string().max(200).default('Untitled model'),
  /** Seeds the initial weights, dropout masks, datasets and training order. */
  seed: int.min(0).max(2 ** 32 - 1).default(42),
  nodes: z.array(NodeSchema),
  edges: z.array(EdgeSchema),
  weights: WeightsSchema.optional(),
  training: TrainingSchema.optional(),
});

export type ModelDocument = z.output<typeof ModelDocumentSchema>;
export type ModelNode = ModelDocument['nodes'][number];
export type ModelEdge = ModelDocument['edges'][number];
export type StoredTensor = z.output<typeof TensorSchema>;
export type StoredWeights = z.output<typeof WeightsSchema>;
export type TrainingSettings = z.output<typeof TrainingSchema>;
export type DatasetSettings = z.output<typeof DatasetSchema>;
export type OptimizerSettings = z.output<typeof OptimizerSchema>;

/** Training settings with every default filled in. */
export function defaultTraining(): TrainingSettings {
  return TrainingSchema.parse({});
}

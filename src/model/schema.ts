import { z } from 'zod';
import { NODE_KINDS, nodeKind, type NodeType } from './kinds';
import { LessonSchema } from './lesson/lesson-schema';
import { CONDITIONS } from './breakpoints/registry';
import type { ConditionModule } from './breakpoints/types';
import type { BreakpointEntry } from './breakpoints/watch';

/**
 * The model document, version 2: the one place its shape is written. TypeScript types
 * are derived from it, and `public/schema/model.v2.json` is generated from it.
 *
 * The schema checks structure and types. Ranges of layer parameters (positive sizes,
 * 0 ≤ alpha < 1, …) are the compiler's to report, pinned to the node, so that a
 * document with a mistake still opens and the mistake shows where it is.
 */

export const FORMAT = 'backprop-studio/model';
export const CURRENT_VERSION = 2;

const finite = z.number();

/**
 * Text of at most `max` UTF-16 code units, as the format counts (JavaScript's length).
 * zod's own bound counts code points, so an emoji counts once there and twice here; the
 * JSON Schema keeps zod's bound (its maxLength counts code points too), the app checks both.
 */
function text(max: number, tooLong?: string) {
  return z
    .string()
    .max(max, tooLong)
    .refine((s) => s.length <= max, { error: (iss) => tooLong ?? `is ${String((iss.input as string).length)} characters long; it must be at most ${max}` });
}
const int = z.int();

/** Names that would reach a JavaScript object's prototype if used as a key (weights are keyed by node id). */
export const RESERVED_IDS = ['__proto__', 'constructor', 'prototype'] as const;

export const IdSchema = text(128, 'an id is at most 128 characters long')
  .min(1, 'an id cannot be empty')
  .regex(/^(?!(?:__proto__|constructor|prototype)$)/, 'an id cannot be __proto__, constructor or prototype');

export const PositionSchema = z.strictObject({ x: finite, y: finite });

function paramsSchema(type: NodeType) {
  const shape: Record<string, z.ZodType> = {};
  for (const p of nodeKind(type).params) shape[p.name] = finite.optional();
  return z.strictObject(shape).default({});
}

/** Characters of a Custom layer's code. */
export const MAX_CODE_CHARS = 50_000;

function nodeSchema<T extends NodeType>(type: T) {
  const fields = {
    id: IdSchema,
    type: z.literal(type),
    params: paramsSchema(type),
    position: PositionSchema.default({ x: 0, y: 0 }),
    label: text(200).optional(),
  };
  const code = nodeKind(type).code;
  // Only a kind that carries code has the field: `code` on a Linear node is a mistake to report.
  if (!code) return z.strictObject(fields) as unknown as ReturnType<typeof withCode<T>>;
  return withCode(fields);
}

function withCode<T extends NodeType>(fields: Record<string, z.ZodType> & { type: z.ZodLiteral<T> }) {
  return z.strictObject({
    ...(fields as {
      id: typeof IdSchema;
      type: z.ZodLiteral<T>;
      params: ReturnType<typeof paramsSchema>;
      position: z.ZodDefault<typeof PositionSchema>;
      label: z.ZodOptional<z.ZodString>;
    }),
    /** A Custom layer's source, JavaScript or TypeScript (absent: the kind's starting code). */
    code: z.string().max(MAX_CODE_CHARS).optional(),
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

export const DATASET_KINDS = ['spiral', 'circles', 'xor', 'blobs', 'moons', 'sine', 'surface', 'csv', 'random', 'digits'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];
export const OPTIMIZER_KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

export const DatasetSchema = z.strictObject({
  kind: z.enum(DATASET_KINDS).default('spiral'),
  /** Number of samples generated (built-in datasets) or drawn (`random`). `sine` and `surface` are regression data (one number per sample to fit). */
  samples: int.min(1).max(100_000).default(300),
  noise: finite.min(0).max(10).default(0.1),
  /** Classes of spiral, blobs and random; circles, xor and moons have 2. */
  classes: int.min(2).max(1000).default(3),
  /** Fraction of the samples held out for testing. */
  test_fraction: finite.min(0).max(0.9).default(0.2),
  /**
   * The user's own data: numeric feature columns and a target column (the last, or
   * `label_column`) holding class labels, or with `target: 'number'` numbers to fit (regression).
   */
  csv: z
    .strictObject({
      name: text(260),
      text: z.string(),
      label_column: z.string().optional(),
      target: z.enum(['class', 'number']).optional(),
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

/** How each training step gets its gradient: backprop, or one of the ways that do without it. */
export const ESTIMATOR_KINDS = ['backprop', 'forward-mode', 'forward-gradient', 'finite-differences', 'spsa'] as const;
export type EstimatorKindSetting = (typeof ESTIMATOR_KINDS)[number];

export const EstimatorSchema = z.strictObject({
  kind: z.enum(ESTIMATOR_KINDS).default('backprop'),
  /** Forward gradient: random tangents averaged per step. */
  tangents: int.min(1).max(1000).default(1),
  /** SPSA: random perturbations averaged per step. */
  samples: int.min(1).max(1000).default(1),
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
  /** Where each step's gradient comes from. */
  estimator: EstimatorSchema.default(EstimatorSchema.parse({})),
});

/** Breakpoints a document may hold (a few per layer is plenty). */
export const MAX_BREAKPOINTS = 256;

/**
 * One breakpoint: a condition (see src/model/breakpoints) on or off, model-wide or, for a
 * per-layer condition, for one node, with the condition's own parameters (absent: its
 * defaults). Built from the registry, so a new condition brings its fields with it.
 */
function breakpointSchema(m: ConditionModule) {
  const shape: Record<string, z.ZodType> = { condition: z.literal(m.kind), on: z.boolean().default(true) };
  if (m.scope === 'layer') shape.node = IdSchema.optional();
  for (const p of m.params) {
    const base = p.integer ? int : finite;
    shape[p.name] = (p.exclusiveMin ? base.gt(p.min) : base.min(p.min)).max(p.max).optional();
  }
  return z.strictObject(shape) as z.ZodObject<{ condition: z.ZodLiteral<ConditionModule['kind']>; on: z.ZodDefault<z.ZodBoolean> }>;
}

/** Typed as the registry's entry: a condition's parameters are fields named after them. */
export const BreakpointSchema = z.discriminatedUnion(
  'condition',
  CONDITIONS.map(breakpointSchema) as unknown as [ReturnType<typeof breakpointSchema>, ...ReturnType<typeof breakpointSchema>[]],
) as unknown as z.ZodType<BreakpointEntry, Omit<BreakpointEntry, 'on'> & { on?: boolean }>;

export const ModelDocumentSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(CURRENT_VERSION),
  name: text(200).default('Untitled model'),
  /** Seeds the initial weights, dropout masks, datasets and training order. */
  seed: int.min(0).max(2 ** 32 - 1).default(42),
  nodes: z.array(NodeSchema),
  edges: z.array(EdgeSchema),
  weights: WeightsSchema.optional(),
  training: TrainingSchema.optional(),
  /** A guided walk through the model, for teaching (version 2). */
  lesson: LessonSchema.optional(),
  /** Conditions that pause training (training breakpoints); absent: the defaults (divergence and non-finite values on). */
  breakpoints: z.array(BreakpointSchema).max(MAX_BREAKPOINTS).optional(),
});

export type ModelDocument = z.output<typeof ModelDocumentSchema>;
export type ModelNode = ModelDocument['nodes'][number];
export type ModelEdge = ModelDocument['edges'][number];
export type StoredTensor = z.output<typeof TensorSchema>;
export type StoredWeights = z.output<typeof WeightsSchema>;
export type TrainingSettings = z.output<typeof TrainingSchema>;
export type DatasetSettings = z.output<typeof DatasetSchema>;
export type OptimizerSettings = z.output<typeof OptimizerSchema>;
export type EstimatorSettings = z.output<typeof EstimatorSchema>;
export type BreakpointSetting = z.output<typeof BreakpointSchema>;

/** Training settings with every default filled in. */
export function defaultTraining(): TrainingSettings {
  return TrainingSchema.parse({});
}

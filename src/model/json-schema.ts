import { z } from 'zod';
import { isNodeType, nodeKind, rangeText } from './kinds';
import { CURRENT_VERSION, ModelDocumentSchema, TensorSchema } from './schema';

/** Where the generated schema is committed, relative to the repository root. */
export const JSON_SCHEMA_FILE = `public/schema/model.v${CURRENT_VERSION}.json`;

type JsonObject = { [key: string]: unknown };

/**
 * The model document's JSON Schema (draft 2020-12), generated from the zod schema so the
 * two cannot drift apart. It describes what a file may contain (fields with defaults are
 * optional). It cannot express everything the app checks when it opens a file: unique
 * ids, edges between existing nodes, weights that fit their layer, parameter ranges
 * (given in the descriptions), and the refusal of `__proto__`, `constructor` and
 * `prototype` as keys.
 */
export function modelJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(ModelDocumentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: (ctx) => {
      if (ctx.zodSchema === TensorSchema.shape.data) {
        Object.assign(ctx.jsonSchema, {
          contentEncoding: 'base64',
          description: 'The values as float32, little-endian, row-major (C order), base64-encoded (RFC 4648, with padding).',
        });
      }
    },
  }) as JsonObject;
  const { $schema, ...rest } = generated;
  const schema: JsonObject = {
    $schema,
    title: `Backprop Studio model document, version ${CURRENT_VERSION}`,
    description:
      'A neural network built in Backprop Studio: its nodes and edges, optionally its trained weights and training settings. See docs/model-format.md.',
    ...rest,
  };
  describeNodeTypes(schema);
  return schema;
}

/** The schema as committed: 2-space indentation and a final newline. */
export function renderModelJsonSchema(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}

/** Adds each node type's description and its parameters' meaning and range to the node variants. */
function describeNodeTypes(schema: JsonObject): void {
  const nodes = (schema.properties as JsonObject | undefined)?.nodes as JsonObject | undefined;
  const variants = ((nodes?.items as JsonObject | undefined)?.oneOf ?? []) as JsonObject[];
  for (const variant of variants) {
    const props = variant.properties as JsonObject;
    const type = (props.type as JsonObject).const;
    if (!isNodeType(type)) continue;
    const spec = nodeKind(type);
    variant.description = `${spec.displayName}: ${spec.description}`;
    const params = (props.params as JsonObject).properties as JsonObject;
    for (const p of spec.params) {
      // rangeText already says "a positive whole number" for sizes.
      const range = rangeText(p);
      const kind = range.startsWith('a positive whole number') ? '' : p.kind === 'integer' ? 'a whole number, ' : 'a number, ';
      const what = `${kind}${range}`.replace(/, $/, '');
      const def = p.default !== undefined ? ` Default ${p.default}.` : ' Optional.';
      (params[p.name] as JsonObject).description = `${p.help} ${what.charAt(0).toUpperCase()}${what.slice(1)}.${def}`;
    }
  }
}

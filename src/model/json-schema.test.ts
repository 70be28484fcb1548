import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryDocument, smallDocument } from './document-arbitraries';
import { JSON_SCHEMA_FILE, modelJsonSchema, renderModelJsonSchema } from './json-schema';
import { NODE_TYPES } from './kinds';
import { parseModelDocument } from './parse';
import { serializeModelDocument } from './serialize';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A validator for the JSON Schema keywords the generated schema uses, written from the
 * draft 2020-12 text; it throws on any other keyword so that it cannot pass by ignoring one.
 */
function validate(schema: Schema, v: unknown, path = '$'): string[] {
  const known = new Set([
    '$schema', 'title', 'description', 'default', 'contentEncoding', 'type', 'const', 'enum', 'properties', 'required',
    'additionalProperties', 'items', 'oneOf', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
    'minItems', 'maxItems', 'propertyNames',
  ]);
  for (const k of Object.keys(schema)) if (!known.has(k)) throw new Error(`validator does not know keyword ${k}`);
  const errs: string[] = [];
  const typeOf = (x: unknown) =>
    x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x === 'number' ? (Number.isInteger(x) ? 'integer' : 'number') : typeof x;
  if (schema.type) {
    const t = typeOf(v);
    const ok = schema.type === t || (schema.type === 'number' && t === 'integer');
    if (!ok) return [`${path}: expected ${schema.type}, got ${t}`];
  }
  if ('const' in schema && v !== schema.const) errs.push(`${path}: expected const ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(v)) errs.push(`${path}: not in enum`);
  if (typeof v === 'string') {
    const len = [...v].length; // code points, as the specification counts
    if (schema.minLength !== undefined && len < schema.minLength) errs.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && len > schema.maxLength) errs.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(v)) errs.push(`${path}: does not match ${schema.pattern}`);
  }
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) errs.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && v > schema.maximum) errs.push(`${path}: above maximum`);
    if (schema.exclusiveMinimum !== undefined && v <= schema.exclusiveMinimum) errs.push(`${path}: not above exclusiveMinimum`);
  }
  if (Array.isArray(v)) {
    if (schema.minItems !== undefined && v.length < schema.minItems) errs.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && v.length > schema.maxItems) errs.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) v.forEach((x, i) => errs.push(...validate(schema.items, x, `${path}[${i}]`)));
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) errs.push(`${path}: missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      if (schema.propertyNames) errs.push(...validate(schema.propertyNames, k, `${path}[key ${k}]`));
      const sub = schema.properties?.[k];
      if (sub) errs.push(...validate(sub, x, `${path}.${k}`));
      else if (schema.additionalProperties === false) errs.push(`${path}: unexpected ${k}`);
      else if (schema.additionalProperties) errs.push(...validate(schema.additionalProperties, x, `${path}.${k}`));
    }
  }
  if (schema.oneOf) {
    const passing = schema.oneOf.filter((s: Schema) => validate(s, v, path).length === 0).length;
    if (passing !== 1) errs.push(`${path}: matches ${passing} of oneOf`);
  }
  return errs;
}

describe('the published JSON Schema', () => {
  it('is current: the committed file is what the generator writes', () => {
    const onDisk = readFileSync(resolve(__dirname, '../..', JSON_SCHEMA_FILE), 'utf8');
    const fresh = renderModelJsonSchema();
    expect(
      onDisk === fresh,
      `${JSON_SCHEMA_FILE} is out of date with src/model/schema.ts; run: npx tsx scripts/generate-schema.ts`,
    ).toBe(true);
  });

  it('is deterministic', () => {
    expect(renderModelJsonSchema()).toBe(renderModelJsonSchema());
  });

  it('describes the document: required fields, format, node types, base64 weights', () => {
    const s = modelJsonSchema() as Schema;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.required).toEqual(['format', 'version', 'nodes', 'edges']);
    expect(s.properties.format.const).toBe('backprop-studio/model');
    expect(s.properties.version.const).toBe(2);
    expect(s.properties.nodes.items.oneOf.map((v: Schema) => v.properties.type.const)).toEqual([...NODE_TYPES]);
    const linear = s.properties.nodes.items.oneOf[1];
    expect(linear.properties.params.properties.out_features.description).toBe(
      'Features going out. A positive whole number and ≤ 1,000,000. Default 16.',
    );
    const tensor = s.properties.weights.additionalProperties.additionalProperties;
    expect(tensor.properties.data.contentEncoding).toBe('base64');
    expect(s.properties.weights.propertyNames.pattern).toBeDefined();
  });

  it('accepts every document the reader accepts', () => {
    const schema = modelJsonSchema() as Schema;
    expect(validate(schema, JSON.parse(JSON.stringify(smallDocument())))).toEqual([]);
    fc.assert(
      fc.property(arbitraryDocument, (doc) => {
        const text = serializeModelDocument(doc);
        expect(parseModelDocument(text).ok).toBe(true);
        expect(validate(schema, JSON.parse(text))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses what it can express: wrong types, unknown fields and node types, reserved ids', () => {
    const schema = modelJsonSchema() as Schema;
    const broken = (change: (d: any) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const d = JSON.parse(JSON.stringify(smallDocument()));
      change(d);
      return d;
    };
    expect(validate(schema, broken((d) => (d.nodes[1].params.out_features = '3')))).not.toEqual([]);
    expect(validate(schema, broken((d) => (d.nodes[1].params.outFeatures = 3)))).not.toEqual([]);
    expect(validate(schema, broken((d) => (d.nodes[1].type = 'Lineer')))).not.toEqual([]);
    expect(validate(schema, broken((d) => (d.nodes[1].id = '__proto__')))).not.toEqual([]);
    expect(validate(schema, broken((d) => (d.weights.fc1.w.dtype = 'float64')))).not.toEqual([]);
    expect(validate(schema, broken((d) => (d.format = 'other')))).not.toEqual([]);
    // What only the reader checks: duplicate ids are schema-valid.
    expect(validate(schema, broken((d) => (d.nodes[3].id = 'fc1')))).toEqual([]);
  });
});

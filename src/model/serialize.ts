import type { z } from 'zod';
import { weightSpecs } from './document-consistency';
import { formatPath, isPlainObject, type PathSegment } from './json-path';
import { isNodeType } from './kinds';
import { ModelDocumentSchema, type ModelDocument } from './schema';

type AnySchema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

/** An object whose keys keep the order they were given (JavaScript objects put integer-like keys first). */
class Ordered {
  constructor(readonly entries: [string, unknown][]) {}
}

/**
 * The document's text: fields in the schema's order (format, version, name, …), nodes'
 * fields as id, type, params, position, label; weights in the order of the nodes, each
 * layer's tensors in the order of its parameters; 2-space indentation, lists of numbers
 * on one line, a final newline. Weights are written as they are stored (see base64.ts).
 * parseModelDocument gives back an equal document, −0 included.
 *
 * Throws when the document holds a value JSON cannot (NaN, Infinity, undefined in a list):
 * that is a bug in the caller, and writing it would make a file that does not open.
 */
export function serializeModelDocument(doc: ModelDocument): string {
  const nodeOrder = new Map<string, number>();
  const nodeTypes = new Map<string, string>();
  doc.nodes.forEach((n, i) => {
    if (!nodeOrder.has(n.id)) nodeOrder.set(n.id, i);
    nodeTypes.set(n.id, n.type);
  });
  const recordOrder = (path: readonly PathSegment[], keys: string[]): string[] => {
    if (path.length === 1 && path[0] === 'weights') {
      const rank = (k: string) => nodeOrder.get(k) ?? Infinity;
      return keys.sort((a, b) => rank(a) - rank(b) || compare(a, b));
    }
    if (path.length === 2 && path[0] === 'weights') {
      const type = nodeTypes.get(String(path[1]));
      const names = (isNodeType(type) ? weightSpecs(type) : []).map((s) => s.name);
      const rank = (k: string) => (names.includes(k) ? names.indexOf(k) : Infinity);
      return keys.sort((a, b) => rank(a) - rank(b) || compare(a, b));
    }
    return keys.sort(compare);
  };
  const canonical = order(doc, ModelDocumentSchema, [], recordOrder);
  return `${write(canonical, '', [])}\n`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The value with every object's keys put in order: schema order for objects, `recordOrder` for records. */
function order(
  v: unknown,
  schema: AnySchema | null,
  path: PathSegment[],
  recordOrder: (path: readonly PathSegment[], keys: string[]) => string[],
): unknown {
  const s = resolve(schema, v);
  const def = s?._zod.def as Def | undefined;
  if (Array.isArray(v)) {
    const element = def?.type === 'array' ? (def.element as AnySchema) : null;
    return v.map((x, i) => order(x, element, [...path, i], recordOrder));
  }
  if (!isPlainObject(v)) return v;
  let keys = Object.keys(v).filter((k) => v[k] !== undefined);
  let child = (_k: string): AnySchema | null => null;
  if (def?.type === 'object') {
    const shape = def.shape as Record<string, AnySchema>;
    const known = Object.keys(shape);
    keys = [...known.filter((k) => keys.includes(k)), ...keys.filter((k) => !known.includes(k)).sort(compare)];
    child = (k) => shape[k] ?? null;
  } else if (def?.type === 'record') {
    keys = recordOrder(path, keys);
    child = () => def.valueType as AnySchema;
  } else keys.sort(compare);
  return new Ordered(keys.map((k) => [k, order(v[k], child(k), [...path, k], recordOrder)]));
}

function resolve(s: AnySchema | null, v: unknown): AnySchema | null {
  while (s) {
    const def = s._zod.def as Def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') s = def.innerType as AnySchema;
    else if (def.type === 'union' && typeof def.discriminator === 'string') {
      const tag = isPlainObject(v) ? v[def.discriminator] : undefined;
      const disc = def.discriminator;
      s =
        (def.options as AnySchema[]).find((o) => {
          const lit = ((o._zod.def as Def).shape as Record<string, AnySchema> | undefined)?.[disc]?._zod.def as { values?: unknown[] } | undefined;
          return lit?.values?.includes(tag) ?? false;
        }) ?? null;
    } else return s;
  }
  return null;
}

/** JSON text with 2-space indentation, like JSON.stringify(v, null, 2) but keeping key order and −0. */
function write(v: unknown, indent: string, path: PathSegment[]): string {
  if (v === null) return 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`serializeModelDocument: ${formatPath(path)} is ${v}, which JSON cannot hold`);
    return Object.is(v, -0) ? '-0' : JSON.stringify(v);
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => typeof x === 'number')) return `[${v.map((x, i) => write(x, inner, [...path, i])).join(', ')}]`;
    return `[\n${v.map((x, i) => `${inner}${write(x, inner, [...path, i])}`).join(',\n')}\n${indent}]`;
  }
  if (v instanceof Ordered) {
    if (v.entries.length === 0) return '{}';
    return `{\n${v.entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner, [...path, k])}`).join(',\n')}\n${indent}}`;
  }
  throw new Error(`serializeModelDocument: ${formatPath(path)} holds ${v === undefined ? 'undefined' : typeof v}, which JSON cannot hold`);
}

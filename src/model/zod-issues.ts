import type { z } from 'zod';
import { describeLocation, isPlainObject, quote, valueAt, type PathSegment } from './json-path';
import type { ProblemSink } from './problems';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/**
 * zod's issues in words for the user: what was expected, what the document holds,
 * and where (`root` is the document as read, to quote values and name nodes).
 */
export function translateIssues(issues: readonly Issue[], root: unknown, schema: AnySchema, sink: ProblemSink): void {
  for (const issue of issues) translate(issue, root, schema, sink);
}

function translate(issue: Issue, root: unknown, schema: AnySchema, sink: ProblemSink): void {
  const path = issue.path as PathSegment[];
  const value = valueAt(root, path);
  const at = (p: PathSegment[], what: string | (() => string)): void => {
    sink.add(p, () => sentence(`${describeLocation(p, root)}: ${typeof what === 'string' ? what : what()}`));
  };
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return at(path, 'is required but missing');
      if (issue.expected === 'int' && typeof value === 'number') return at(path, `expected a whole number, got ${value}`);
      return at(path, `expected ${expectedName(issue.expected)}, got ${describeValue(value)}`);
    }
    case 'unrecognized_keys': {
      let known: string[] | null = null;
      for (const key of issue.keys) {
        at([...path, key], () => {
          known ??= knownKeys(schema, path, root);
          let what = `unknown field ${quote(key)}`;
          const guess = closest(key, known);
          if (guess) what += `; did you mean '${guess}'?`;
          else if (known.length === 0) what += path[path.length - 1] === 'params' ? '; this node type has no parameters' : '; nothing is allowed here';
          else if (known.length <= 12) what += `; the known fields are ${known.join(', ')}`;
          return what;
        });
      }
      return;
    }
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (issue.discriminator !== undefined && options) {
        const names = options.map(String);
        if (value === undefined) return at(path, `the node type is missing; it is one of ${names.join(', ')}`);
        if (typeof value !== 'string') return at(path, `expected the name of a node type (${names.join(', ')}), got ${describeValue(value)}`);
        const guess = closest(value, names);
        const hint = guess ? ` (did you mean '${guess}'?)` : '';
        return at(path, `unknown node type ${quote(value)}${hint}; the known types are ${names.join(', ')}`);
      }
      return at(path, `does not match any of the allowed forms (${issue.message})`);
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string' && typeof value === 'string') {
        if (small && bound === 1) return at(path, 'cannot be empty');
        return at(path, `is ${value.length} characters long; it must be ${small ? 'at least' : 'at most'} ${bound}`);
      }
      if (issue.origin === 'array' && Array.isArray(value)) {
        return at(path, `has ${value.length} items; it must have ${small ? 'at least' : 'at most'} ${bound}`);
      }
      const rel = small ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
      return at(path, `must be ${rel} ${bound.toLocaleString('en-US')}, got ${describeValue(value)}`);
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      if (value === undefined) return at(path, `is required but missing (it must be ${allowed.join(' or ')})`);
      if (allowed.length === 1) return at(path, `expected ${allowed[0]}, got ${describeValue(value)}`);
      const guess = typeof value === 'string' ? closest(value, issue.values.map(String)) : null;
      return at(path, `must be one of ${allowed.join(', ')}, got ${describeValue(value)}${guess ? `; did you mean '${guess}'?` : ''}`);
    }
    case 'invalid_key':
      // A record key that is not a valid id: the inner issues describe the key itself.
      for (const inner of issue.issues) {
        const why =
          inner.code === 'too_small' ? 'it is empty' : inner.code === 'too_big' ? `it is longer than ${String((inner as { maximum: number }).maximum)} characters` : inner.message;
        at(path, `the key ${quote(String(path[path.length - 1] ?? ''))} is not a valid node id: ${why}`);
      }
      return;
    default:
      // invalid_format (the id pattern), not_multiple_of, custom: the schema's own message says it.
      return at(path, issue.message);
  }
}

/** Ends a message with a full stop unless it already ends with punctuation. */
export function sentence(s: string): string {
  return /[.?!]$/.test(s) ? s : `${s}.`;
}

/** `a number`, `a whole number`, … for zod's expected type names. */
function expectedName(expected: string): string {
  const names: Record<string, string> = {
    number: 'a number',
    int: 'a whole number',
    string: 'text (a string)',
    boolean: 'true or false',
    array: 'a list (an array)',
    object: 'an object',
    record: 'an object',
    null: 'null',
  };
  return names[expected] ?? expected;
}

/** How a JSON value reads in a message: `a string ('abc')`, `the number 1.5`, `an array`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `a string (${quote(v)})`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : `${v}`;
  if (typeof v === 'boolean') return `${v}`;
  if (Array.isArray(v)) return `a list (an array of ${v.length})`;
  return 'an object';
}

/** The schema of the value at `path`, following the document (a node's `type` picks its schema). */
function schemaAt(schema: AnySchema, path: readonly PathSegment[], root: unknown): AnySchema | null {
  let s: AnySchema | null = schema;
  let raw: unknown = root;
  for (const seg of path) {
    s = resolve(s, raw);
    if (!s) return null;
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') s = (def.shape as Record<string, AnySchema>)[String(seg)] ?? null;
    else if (def.type === 'array') s = def.element as AnySchema;
    else if (def.type === 'record') s = def.valueType as AnySchema;
    else return null;
    raw = isPlainObject(raw) || Array.isArray(raw) ? (raw as Record<PathSegment, unknown>)[seg] : undefined;
  }
  return resolve(s, raw);
}

/** Unwraps optional and default, and picks a discriminated union's member by the value's discriminator. */
function resolve(s: AnySchema | null, raw: unknown): AnySchema | null {
  while (s) {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') {
      s = def.innerType as AnySchema;
    } else if (def.type === 'union' && typeof def.discriminator === 'string') {
      const disc = def.discriminator;
      const tag = isPlainObject(raw) ? raw[disc] : undefined;
      s =
        (def.options as AnySchema[]).find((o) => {
          const shape = (o._zod.def as unknown as { shape?: Record<string, AnySchema> }).shape;
          const lit = shape?.[disc]?._zod.def as unknown as { values?: unknown[] } | undefined;
          return lit?.values?.includes(tag) ?? false;
        }) ?? null;
    } else return s;
  }
  return null;
}

/** The field names an object at `path` may have, in schema order; empty when unknown. */
export function knownKeys(schema: AnySchema, path: readonly PathSegment[], root: unknown): string[] {
  const s = schemaAt(schema, path, root);
  const def = s?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Words longer than this get no suggestion: nobody mistypes a 65-character name. */
const MAX_GUESS_CHARS = 64;

/**
 * The candidate a typo most likely meant: equal ignoring case, `_`, `-` and spaces,
 * or within a small edit distance. Null when nothing is close. Bounded whatever the
 * input: a candidate whose length alone puts it out of reach is skipped before it is
 * normalised or compared (a hostile document may hold an id of millions of characters),
 * so the work is at most candidates × 64² steps.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');
  if (word.length > 4 * MAX_GUESS_CHARS) return null;
  const w = norm(word);
  if (w.length > MAX_GUESS_CHARS) return null;
  // The edit distance is at least the difference in length, and no match may be further than a third of the word.
  const reach = Math.max(1, Math.floor(w.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word || c.length > 4 * MAX_GUESS_CHARS) continue;
    const nc = norm(c);
    if (Math.abs(nc.length - w.length) > reach) continue;
    const d = nc === w ? 0 : editDistance(w, nc);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Short names are only matched ignoring case and separators: 'z' is not a typo of 'x'.
  const allowed = w.length < 3 ? 0 : Math.max(1, Math.floor(Math.min(w.length, best?.length ?? 0) / 3));
  return best !== null && bestDistance <= allowed ? best : null;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}

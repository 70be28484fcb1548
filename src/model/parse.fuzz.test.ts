import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryDocument, smallDocument } from './document-arbitraries';
import { MAX_REPORTED_PROBLEMS, parseModelDocument, type ParseResult } from './parse';
import { serializeModelDocument } from './serialize';

/* eslint-disable @typescript-eslint/no-explicit-any -- the point is to break documents */

type Path = (string | number)[];
const INFINITY_MARK = '\u0001inf\u0001';

/** Every location in a JSON value. */
function locations(v: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => locations(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) locations(x, [...path, k], out);
  return out;
}

function parentOf(root: any, path: Path): any {
  let v = root;
  for (const seg of path.slice(0, -1)) v = v?.[seg];
  return v;
}

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(INFINITY_MARK, -1, 0, 1e9, 1.5, '', 'Linear', 'fc1', 'AAAA!', [], {}, null, true, [1e6, 1e6]),
);

const operation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: replacement }),
  fc.record({
    op: fc.constant('inject' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'typo', 'w', 'id'), fc.string({ maxLength: 6 })),
    value: replacement,
  }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function apply(root: any, op: Operation): void {
  const locs = locations(root).filter((p) => p.length > 0);
  if (locs.length === 0) return;
  const path = locs[op.at % locs.length];
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== 'object') return;
  switch (op.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return;
    case 'replace':
      parent[key] = structuredClone(op.value);
      return;
    case 'inject': {
      const target = parent[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, op.key, { value: structuredClone(op.value), enumerable: true, writable: true, configurable: true });
      }
      return;
    }
    case 'swap': {
      const otherPath = locs[op.other % locs.length];
      const otherParent = parentOf(root, otherPath);
      const otherKey = otherPath[otherPath.length - 1];
      if (otherParent === null || typeof otherParent !== 'object') return;
      const a = parent[key];
      parent[key] = otherParent[otherKey];
      otherParent[otherKey] = a;
    }
  }
}

/** A text edit: cut the text short, insert characters, or remove some. */
const textEdit = fc.oneof(
  fc.constant(null),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
);

type TextEdit = typeof textEdit extends fc.Arbitrary<infer T> ? T : never;

function editText(text: string, edit: TextEdit): string {
  if (!edit) return text;
  const at = edit.at % (text.length + 1);
  if (edit.op === 'truncate') return text.slice(0, at);
  if (edit.op === 'insert') return text.slice(0, at) + edit.text + text.slice(at);
  return text.slice(0, at) + text.slice(at + edit.length);
}

/** The segments of a path written by formatPath. */
function parsePath(path: string): Path {
  expect(path.startsWith('$')).toBe(true);
  const segs: Path = [];
  const token = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  token.lastIndex = 1;
  while (token.lastIndex < path.length) {
    const m = token.exec(path);
    expect(m, `unreadable path ${path}`).not.toBeNull();
    segs.push(m![1] ?? (m![2] !== undefined ? Number(m![2]) : JSON.parse(m![3])));
  }
  return segs;
}

/** True when the value holding the last segment exists: the path names a place in the document, present or missing. */
function placeExists(root: unknown, path: Path): boolean {
  let v: any = root;
  for (const seg of path.slice(0, -1)) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return false;
    v = v[seg];
  }
  return path.length === 0 || (v !== null && typeof v === 'object');
}

/** Whatever came back is well formed: problems with paths and messages, or a document that writes and reads back the same. */
function checkResult(r: ParseResult): void {
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.length).toBeLessThanOrEqual(MAX_REPORTED_PROBLEMS + 1);
    for (const e of r.errors) {
      expect(e.path).toMatch(/^\$/);
      expect(typeof e.message).toBe('string');
      expect(e.message.length).toBeGreaterThan(10);
      expect(e.message).not.toMatch(/internal error/);
    }
    return;
  }
  const again = parseModelDocument(serializeModelDocument(r.doc));
  expect(again.ok && again.doc).toEqual(r.doc);
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    for (const k of ['__proto__', 'constructor', 'prototype']) expect(Object.prototype.hasOwnProperty.call(v, k)).toBe(false);
    Object.values(v).forEach(walk);
  };
  walk(r.doc);
}

const prototypeSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
let before = '';
beforeAll(() => {
  before = prototypeSnapshot();
});
afterAll(() => {
  expect(prototypeSnapshot()).toBe(before);
  expect(({} as any).polluted).toBeUndefined();
});

describe('parseModelDocument never throws', () => {
  it('on random mutations of a valid document', () => {
    const seed = fc.oneof(fc.constant(smallDocument()), arbitraryDocument);
    fc.assert(
      fc.property(seed, fc.array(operation, { minLength: 1, maxLength: 4 }), textEdit, (doc, ops, edit) => {
        const root: any = structuredClone(doc);
        for (const op of ops) apply(root, op);
        const text = editText(JSON.stringify(root).split(JSON.stringify(INFINITY_MARK)).join('1e999'), edit);
        checkResult(parseModelDocument(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('on random text and random bytes read as text', () => {
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => new TextDecoder('utf-8').decode(b)),
      fc.uint8Array({ maxLength: 200 }).map((b) => String.fromCharCode(...b)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(fc.property(input, (text) => checkResult(parseModelDocument(text))), { numRuns: 3000 });
  });

  it('on values that are not text at all', () => {
    fc.assert(fc.property(fc.anything(), (v) => checkResult(parseModelDocument(v))), { numRuns: 500 });
    for (const v of [null, undefined, 0, Symbol('x'), () => 1, new ArrayBuffer(4), Object.create(null)]) checkResult(parseModelDocument(v));
  });

  it('on deep nesting', () => {
    const deep = `{"format":"backprop-studio/model","version":1,"nodes":${'['.repeat(100_000)}${']'.repeat(100_000)},"edges":[]}`;
    const r = parseModelDocument(deep);
    checkResult(r);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/nested more than 64 levels deep/);
  });
});

describe('valid documents read back equal', () => {
  it('through the writer and through plain JSON.stringify', () => {
    fc.assert(
      fc.property(arbitraryDocument, (doc) => {
        const written = parseModelDocument(serializeModelDocument(doc));
        expect(written).toEqual({ ok: true, doc, warnings: [] });
        // JSON.stringify turns −0 into 0; otherwise the same document.
        const plain = parseModelDocument(JSON.stringify(doc));
        expect(plain).toEqual({ ok: true, doc: JSON.parse(JSON.stringify(doc)), warnings: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('every rejection of a mutated document names a path inside the document', () => {
    fc.assert(
      fc.property(arbitraryDocument, fc.array(operation, { minLength: 1, maxLength: 3 }), (doc, ops) => {
        const root: any = structuredClone(doc);
        for (const op of ops) apply(root, op);
        const r = parseModelDocument(JSON.stringify(root).split(JSON.stringify(INFINITY_MARK)).join('1e999'));
        checkResult(r);
        if (r.ok) return;
        const reread = JSON.parse(JSON.stringify(root));
        for (const e of r.errors) expect(placeExists(reread, parsePath(e.path)), `${e.path}: ${e.message}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

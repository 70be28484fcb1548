import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { encodeFloat32 } from '../base64';
import { smallDocument } from '../document-arbitraries';
import { parseModelDocument, type DocumentProblem } from '../parse';
import type { ModelDocument } from '../schema';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break documents on purpose */

/** Helpers of the parser's tests: documents expected to be read or refused, and their messages. */
export function errorsOf(input: unknown): DocumentProblem[] {
  const r = parseModelDocument(input);
  if (r.ok) throw new Error(`expected the document to be refused: ${String(input).slice(0, 200)}`);
  return r.errors;
}

export function docOf(input: unknown): ModelDocument {
  const r = parseModelDocument(input);
  if (!r.ok) throw new Error(`expected the document to be read: ${JSON.stringify(r.errors, null, 1)}`);
  return r.doc;
}

/** The small valid document with a change applied, as text. */
export function broken(change: (d: any) => void): string {
  const d: any = structuredClone(smallDocument());
  change(d);
  return JSON.stringify(d, null, 2);
}

/** The one message at `path` (and that there is exactly one). */
export function messageAt(errors: DocumentProblem[], path: string): string {
  const hits = errors.filter((e) => e.path === path);
  expect(hits, `errors at ${path} among ${JSON.stringify(errors, null, 1)}`).toHaveLength(1);
  return hits[0].message;
}

export const tensor = (shape: number[], values: number[]) => ({ shape, dtype: 'float32', data: encodeFloat32(Float32Array.from(values)) });

/** A built-in example from public/examples, parsed (a fresh copy each call), with `edit` applied. */
export function exampleDocument(file: string, edit?: (d: ModelDocument) => void): ModelDocument {
  // From the project's root, where the tests run (under jsdom, import.meta.url is no file URL).
  const r = parseModelDocument(readFileSync(join(process.cwd(), 'public/examples', file), 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  edit?.(r.doc);
  return r.doc;
}

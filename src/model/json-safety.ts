import { describeLocation, isPlainObject, type PathSegment } from './json-path';
import type { ProblemSink } from './problems';

/** Keys that reach a JavaScript object's prototype machinery when assigned; refused anywhere in a document. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting a document may have; a valid one needs 6 levels. */
export const MAX_DEPTH = 64;

/**
 * Walks a freshly parsed JSON value, reporting forbidden keys, numbers JSON.parse turned
 * into ±Infinity (1e999) and excessive nesting. Forbidden keys are removed from the value,
 * so nothing downstream ever assigns them: JSON.parse makes `"__proto__"` an ordinary own
 * property, but copying it with `obj[key] = …` would set the copy's prototype instead.
 * Returns true when the value nests deeper than MAX_DEPTH (the part below is not looked at).
 */
export function scanParsedJson(root: unknown, sink: ProblemSink): boolean {
  const path: PathSegment[] = [];
  let tooDeep = false;
  const report = (message: string) => sink.add(path, () => `${describeLocation(path, root)}: ${message}`);

  const visit = (v: unknown, depth: number): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) report(`the number is too large to represent (it reads as ${v}); numbers must be finite.`);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth >= MAX_DEPTH) {
      tooDeep = true;
      report(`values are nested more than ${MAX_DEPTH} levels deep; a model document never nests that deep.`);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visit(v[i], depth + 1);
        path.pop();
      }
      return;
    }
    if (!isPlainObject(v)) return;
    for (const key of Object.keys(v)) {
      path.push(key);
      if (FORBIDDEN_KEYS.has(key)) {
        report(`the field name '${key}' is not allowed anywhere in a model document (it could tamper with JavaScript objects); remove it.`);
        delete v[key];
      } else {
        visit(v[key], depth + 1);
      }
      path.pop();
    }
  };
  visit(root, 0);
  return tooDeep;
}

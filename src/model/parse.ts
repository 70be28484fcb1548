import { checkConsistency } from './document-consistency';
import { formatPath, isPlainObject, type PathSegment } from './json-path';
import { scanParsedJson } from './json-safety';
import { findJsonSyntaxError } from './json-syntax';
import { MIGRATIONS, migrateDocument, oldestReadableVersion, type Migration } from './migrations';
import { CURRENT_VERSION, FORMAT, ModelDocumentSchema, type ModelDocument } from './schema';
import { ProblemList, type DocumentProblem } from './problems';
import { describeValue, translateIssues } from './zod-issues';

/** Longest text read as a model document: 64 MiB of characters, checked before parsing. */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;
export const MAX_NODES = 10_000;
export const MAX_EDGES = 100_000;
export { MAX_REPORTED_PROBLEMS, type DocumentProblem } from './problems';

/** A problem that stops the reading, before its path is formatted. */
interface Fatal {
  path: PathSegment[];
  message: string;
}

export type ParseResult =
  | { ok: true; doc: ModelDocument; warnings: DocumentProblem[] }
  | { ok: false; errors: DocumentProblem[] };

export interface ParseOptions {
  /** The upgrade chain; the app's own by default. */
  migrations?: readonly Migration[];
}

/**
 * Reads a model document from its text: JSON syntax (with line and column), safety
 * (no prototype keys, no infinite numbers, bounded size and nesting), the format and
 * its version (upgrading older versions), the schema, and the consistency of ids, edges
 * and stored weights. Never throws. Problems are listed with their paths, the first
 * MAX_REPORTED_PROBLEMS of them, then counted.
 */
export function parseModelDocument(text: unknown, options: ParseOptions = {}): ParseResult {
  try {
    return parse(text, options.migrations ?? MIGRATIONS);
  } catch (e) {
    // Reaching this is a bug in the reader, not in the document; say so rather than crash.
    return { ok: false, errors: [{ path: '$', message: `Backprop Studio failed to read this document (internal error: ${e instanceof Error ? e.message : String(e)}).` }] };
  }
}

function parse(text: unknown, migrations: readonly Migration[]): ParseResult {
  const fatal = (path: PathSegment[], message: string, where?: { line: number; column: number }): ParseResult => ({
    ok: false,
    errors: [{ path: formatPath(path), message, ...where }],
  });
  if (typeof text !== 'string') {
    const what = text instanceof ArrayBuffer || ArrayBuffer.isView(text) ? 'binary data (read the file as text first)' : describeValue(text);
    return fatal([], `Expected the text of a model document, got ${what}.`);
  }
  if (text.length > MAX_DOCUMENT_CHARS) {
    return fatal(
      [],
      `The document is ${text.length.toLocaleString('en-US')} characters long; a model document may be at most ${MAX_DOCUMENT_CHARS.toLocaleString('en-US')} (64 MiB).`,
    );
  }
  // Editors on Windows may start a UTF-8 file with a byte order mark, which JSON does not allow.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fatal([], 'The document is empty.');

  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch (e) {
    const syntax = findJsonSyntaxError(body);
    if (syntax) {
      return fatal([], `The document is not valid JSON: line ${syntax.line}, column ${syntax.column}: ${syntax.message}.`, {
        line: syntax.line,
        column: syntax.column,
      });
    }
    return fatal([], `The document is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }

  if (!isPlainObject(root)) {
    return fatal([], `This is not a Backprop Studio model: the document is ${describeValue(root)}, not an object with "format": "${FORMAT}".`);
  }

  const problems = new ProblemList();
  const failed = (complete = true): ParseResult => ({ ok: false, errors: problems.errors(complete) });
  if (scanParsedJson(root, problems)) return failed();

  const envelope = checkEnvelope(root, migrations);
  if (envelope.fatal) return fatal(envelope.fatal.path, envelope.fatal.message);
  const warnings: DocumentProblem[] = [];
  let doc: Record<string, unknown> = root;
  if (envelope.version < CURRENT_VERSION) {
    // Upgrade only a document that is safe to touch; its problems are reported at the paths of the user's file.
    if (problems.size > 0) return failed();
    const migrated = migrateDocument(root, envelope.version, migrations);
    if (!migrated.ok) return { ok: false, errors: [migrated.error] };
    if (!isPlainObject(migrated.doc)) return fatal([], 'Upgrading the document did not produce an object.');
    doc = migrated.doc;
    if (scanParsedJson(doc, problems)) return failed();
    warnings.push({
      path: '$.version',
      message: `This document was written in version ${envelope.version} of the format and has been upgraded to version ${CURRENT_VERSION} (${migrated.applied.map((m) => m.description).join('; ')}); saving it writes version ${CURRENT_VERSION}.`,
    });
  }

  const count = checkCounts(doc);
  if (count) {
    problems.add(count.path, () => count.message);
    return failed();
  }
  // Once the list is full, later checks could only add to the count: skip them.
  if (problems.full) return failed(false);
  checkConsistency(doc, problems);
  if (problems.full) return failed(false);
  const parsed = ModelDocumentSchema.safeParse(doc);
  if (!parsed.success) translateIssues(parsed.error.issues, doc, ModelDocumentSchema, problems);
  if (problems.size > 0 || !parsed.success) return failed();
  return { ok: true, doc: parsed.data, warnings };
}

/** `format` and `version`: is this our document, and can this app read its version? */
function checkEnvelope(root: Record<string, unknown>, migrations: readonly Migration[]): { fatal?: Fatal; version: number } {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(root, k);
  const bad = (path: PathSegment[], message: string) => ({ fatal: { path, message }, version: -1 });
  if (has('format') && root.format !== FORMAT) {
    return bad(
      ['format'],
      `This is not a Backprop Studio model: its "format" is ${describeValue(root.format)}, but a model document has "format": "${FORMAT}".`,
    );
  }
  if (!has('format') && !has('version')) {
    return bad([], `This is not a Backprop Studio model: it has no "format" (a model document starts with "format": "${FORMAT}", "version": ${CURRENT_VERSION}).`);
  }
  if (!has('version')) {
    return bad(['version'], `The document has no "version", which says which version of the format it uses (this app writes version ${CURRENT_VERSION}).`);
  }
  const v = root.version;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    return bad(['version'], `Field version: expected a whole number such as ${CURRENT_VERSION}, got ${describeValue(v)}.`);
  }
  if (v > CURRENT_VERSION) {
    return bad(
      ['version'],
      `This document is version ${v} of the format, made by a newer Backprop Studio; this one reads versions up to ${CURRENT_VERSION}. Update Backprop Studio to open it.`,
    );
  }
  const oldest = oldestReadableVersion(migrations);
  if (v < oldest) {
    return bad(['version'], `This document is version ${v} of the format, which this Backprop Studio cannot read; it reads versions ${oldest} to ${CURRENT_VERSION}.`);
  }
  return { version: v };
}

/** Too many nodes, edges or weight entries: refused before the costly checks. */
function checkCounts(doc: Record<string, unknown>): Fatal | null {
  const n = Array.isArray(doc.nodes) ? doc.nodes.length : 0;
  if (n > MAX_NODES) {
    return { path: ['nodes'], message: `The document has ${n.toLocaleString('en-US')} nodes; a model may have at most ${MAX_NODES.toLocaleString('en-US')}.` };
  }
  const e = Array.isArray(doc.edges) ? doc.edges.length : 0;
  if (e > MAX_EDGES) {
    return { path: ['edges'], message: `The document has ${e.toLocaleString('en-US')} edges; a model may have at most ${MAX_EDGES.toLocaleString('en-US')}.` };
  }
  const w = isPlainObject(doc.weights) ? Object.keys(doc.weights).length : 0;
  if (w > MAX_NODES) {
    return { path: ['weights'], message: `Weights are stored for ${w.toLocaleString('en-US')} nodes; a model may have at most ${MAX_NODES.toLocaleString('en-US')} nodes.` };
  }
  return null;
}

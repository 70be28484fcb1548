import { CURRENT_VERSION } from './schema';
import { formatPath, type PathSegment } from './json-path';

/**
 * One step up the document versions. `migrate` receives the document as read (a JSON
 * value the reader owns; it may change it in place) and returns the document of version
 * `to`. It may throw a MigrationError to point at the part it cannot upgrade.
 */
export interface Migration {
  from: number;
  to: number;
  /** What changed between the two versions, for the docs and the upgrade notice. */
  description: string;
  migrate(doc: unknown): unknown;
}

/** A problem found while upgrading, pinned to where it is in the document being upgraded. */
export class MigrationError extends Error {
  readonly path: readonly PathSegment[];
  constructor(message: string, path: readonly PathSegment[] = []) {
    super(message);
    this.name = 'MigrationError';
    this.path = path;
  }
}

/**
 * Version 2 added the optional `lesson`. A version 1 document has none, and everything
 * else it may hold means the same in version 2, so the upgrade only restamps it; an older
 * app meeting a version 2 document says it needs a newer Backprop Studio rather than
 * calling `lesson` an unknown field.
 */
export const V1_TO_V2: Migration = {
  from: 1,
  to: 2,
  description: 'documents may carry a lesson',
  migrate(doc) {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new MigrationError('the document is not an object');
    const d = doc as Record<string, unknown>;
    if ('lesson' in d) throw new MigrationError('a version 1 document cannot have a lesson (lessons arrived in version 2)', ['lesson']);
    d.version = 2;
    return d;
  },
};

/** The upgrades the app applies, oldest first: documents of every version listed keep opening. */
export const MIGRATIONS: readonly Migration[] = [V1_TO_V2];

export type MigrationOutcome =
  | { ok: true; doc: unknown; applied: readonly Migration[] }
  | { ok: false; error: { path: string; message: string } };

/**
 * Upgrades `doc` from `fromVersion` to `toVersion` one step at a time. Never throws:
 * a missing step, a step that throws or one that does not produce the version it
 * promised is reported with the path where it happened.
 */
export function migrateDocument(
  doc: unknown,
  fromVersion: number,
  chain: readonly Migration[] = MIGRATIONS,
  toVersion: number = CURRENT_VERSION,
): MigrationOutcome {
  const fail = (path: readonly PathSegment[], message: string): MigrationOutcome => ({
    ok: false,
    error: { path: formatPath(path), message },
  });
  const chainProblems = checkMigrationChain(chain, toVersion);
  if (chainProblems.length) return fail([], `The upgrade steps of this app are inconsistent: ${chainProblems.join('; ')}.`);
  const applied: Migration[] = [];
  let version = fromVersion;
  let current = doc;
  while (version < toVersion) {
    const step = chain.find((m) => m.from === version);
    if (!step) {
      const oldest = oldestReadableVersion(chain, toVersion);
      return fail(
        ['version'],
        `This document is version ${fromVersion}, which this Backprop Studio cannot upgrade; it reads versions ${oldest} to ${toVersion}.`,
      );
    }
    try {
      current = step.migrate(current);
    } catch (e) {
      const path = e instanceof MigrationError ? e.path : [];
      const why = e instanceof Error ? e.message : String(e);
      return fail(path, `Upgrading the document from version ${step.from} to ${step.to} (${step.description}) failed: ${why}`);
    }
    const produced = current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as { version?: unknown }).version : undefined;
    if (produced !== step.to) {
      return fail(['version'], `Upgrading the document from version ${step.from} to ${step.to} did not produce a version ${step.to} document.`);
    }
    applied.push(step);
    version = step.to;
  }
  return { ok: true, doc: current, applied };
}

/** The oldest version the chain can bring up to `toVersion`. */
export function oldestReadableVersion(chain: readonly Migration[] = MIGRATIONS, toVersion: number = CURRENT_VERSION): number {
  let v = toVersion;
  for (;;) {
    const step = chain.find((m) => m.to === v);
    if (!step) return v;
    v = step.from;
  }
}

/** What is wrong with a chain: steps must go up by one version, each version upgraded once, none past `toVersion`. */
export function checkMigrationChain(chain: readonly Migration[], toVersion: number = CURRENT_VERSION): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const m of chain) {
    if (!Number.isInteger(m.from) || m.to !== m.from + 1) problems.push(`the step from ${m.from} to ${m.to} does not go up by one version`);
    if (m.to > toVersion) problems.push(`the step from ${m.from} to ${m.to} goes past version ${toVersion}`);
    if (seen.has(m.from)) problems.push(`version ${m.from} has more than one step`);
    seen.add(m.from);
  }
  return problems;
}

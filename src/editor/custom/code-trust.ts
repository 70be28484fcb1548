import { CODE_TEMPLATES, nodeKind, type ModelNode } from '../../model';

/**
 * Which custom layer code the user has chosen to run. Code that came in a document or a
 * share link is shown but not run until the user says so; the choice is remembered in this
 * browser, keyed by a hash of the code, so reopening the same document does not ask again
 * (and any change to the code asks again). Code the user typed, and the templates shipped
 * with the app, are trusted.
 */

const STORAGE_KEY = 'backprop-studio:trusted-code';
/** Hashes remembered; the oldest are forgotten first. */
const MAX_REMEMBERED = 500;

/** Two FNV-1a passes with different offsets: a 64-bit key for a code text. */
export function codeHash(code: string): string {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/** The code texts of a document's nodes that carry code (an absent one is the kind's starting code). */
export function documentCode(nodes: readonly ModelNode[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    const carries = nodeKind(n.type).code;
    if (carries) out.push(n.code ?? carries.defaultCode);
  }
  return out;
}

const TEMPLATE_TEXTS = new Set(CODE_TEMPLATES.map((t) => t.code));

export class CodeTrust {
  private readonly hashes: string[];
  private readonly listeners = new Set<() => void>();
  /** Code refused for this session, trusted or not: it overran its time budget or crashed the engine. */
  private readonly stopped = new Set<string>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = defaultStorage()) {
    let stored: unknown = null;
    try {
      stored = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
    } catch {
      stored = null;
    }
    this.hashes = Array.isArray(stored) ? stored.filter((h): h is string => typeof h === 'string' && /^[0-9a-f]{16}$/.test(h)).slice(-MAX_REMEMBERED) : [];
  }

  isTrusted(code: string): boolean {
    const h = codeHash(code);
    if (this.stopped.has(h)) return false;
    return TEMPLATE_TEXTS.has(code) || this.hashes.includes(h);
  }

  /** True when every piece of code in the document may run. */
  allTrusted(nodes: readonly ModelNode[]): boolean {
    return documentCode(nodes).every((c) => this.isTrusted(c));
  }

  /** The user chose to run this code (or wrote it). */
  trust(codes: readonly string[]): void {
    let changed = false;
    for (const code of codes) {
      const h = codeHash(code);
      changed = this.stopped.delete(h) || changed;
      if (TEMPLATE_TEXTS.has(code) || this.hashes.includes(h)) continue;
      this.hashes.push(h);
      changed = true;
    }
    if (!changed) return;
    if (this.hashes.length > MAX_REMEMBERED) this.hashes.splice(0, this.hashes.length - MAX_REMEMBERED);
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.hashes));
    } catch {
      // storage full or unavailable: trusted for this session only
    }
    this.emit();
  }

  /** Stops code for this session (it overran or crashed the engine) until the user runs it again. */
  stop(codes: readonly string[]): void {
    for (const code of codes) this.stopped.add(codeHash(code));
    if (codes.length) this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The app's one record of trusted code. */
export const codeTrust = new CodeTrust();

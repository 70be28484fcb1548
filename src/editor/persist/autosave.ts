import type { ModelDocument } from '../../model';
import type { ScreenStore } from '../screen/screen-store';
import { currentDocument, type EditorStore } from '../store/editor-store';
import type { KeyValueStore } from './idb';

export const AUTOSAVE_KEY = 'autosave';
/** Where a saved state that no longer parses is set aside, so it is not lost. */
export const BROKEN_KEY = 'autosave-broken';
export const AUTOSAVE_DELAY_MS = 300;

export interface SavedRecord {
  text: string;
  savedAt: number;
}

export interface DocumentParseError {
  path: string;
  message: string;
}
export type DocumentParser = (text: string) => { ok: true; doc: ModelDocument } | { ok: false; errors: DocumentParseError[] };
export type DocumentSerializer = (doc: ModelDocument) => string;

export type RestoreResult =
  | { kind: 'none' }
  | { kind: 'restored'; doc: ModelDocument; savedAt: number }
  | { kind: 'broken'; text: string; errors: DocumentParseError[] };

/**
 * Reads the autosaved document. One that fails to parse is moved to BROKEN_KEY (and
 * its errors returned) so that the next start does not trip over it again.
 */
export async function restoreAutosave(kv: KeyValueStore, parse: DocumentParser): Promise<RestoreResult> {
  const saved = await kv.get(AUTOSAVE_KEY);
  if (saved === undefined) return { kind: 'none' };
  const rec = saved as Partial<SavedRecord> | null;
  const text = typeof rec?.text === 'string' ? rec.text : typeof saved === 'string' ? saved : JSON.stringify(saved);
  const errors: DocumentParseError[] = [];
  if (typeof rec?.text !== 'string') errors.push({ path: '', message: 'the saved record holds no document text' });
  else {
    const parsed = parse(text);
    if (parsed.ok) return { kind: 'restored', doc: parsed.doc, savedAt: typeof rec.savedAt === 'number' ? rec.savedAt : 0 };
    errors.push(...parsed.errors);
  }
  await kv.set(BROKEN_KEY, { text, savedAt: Date.now() } satisfies SavedRecord);
  await kv.delete(AUTOSAVE_KEY);
  return { kind: 'broken', text, errors };
}

export interface Autosave {
  /** Writes now if a change is waiting. */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Saves the document with its weights `delay` ms after the last change. Reports its
 * state through the store's saveStatus, and a failed write as a message.
 */
export function startAutosave(store: EditorStore, screen: ScreenStore, kv: KeyValueStore, serialize: DocumentSerializer, delay = AUTOSAVE_DELAY_MS): Autosave {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The last revision written or being written: a flush during a write does not write it twice.
  let queuedRevision = store.getState().revision;
  let writing: Promise<void> = Promise.resolve();
  let failedOnce = false;

  const write = () => {
    timer = null;
    const s = store.getState();
    if (s.revision === queuedRevision) return writing;
    const revision = s.revision;
    queuedRevision = revision;
    const text = serialize(currentDocument(s));
    writing = writing
      .then(() => kv.set(AUTOSAVE_KEY, { text, savedAt: Date.now() } satisfies SavedRecord))
      .then(
        () => {
          failedOnce = false;
          if (store.getState().revision === revision) screen.getState().setSaveStatus('saved');
        },
        (e: unknown) => {
          if (queuedRevision === revision) queuedRevision = -1;
          screen.getState().setSaveStatus('error');
          if (!failedOnce) screen.getState().notify(`Autosave failed: ${e instanceof Error ? e.message : String(e)}. Export the model to keep it.`, 'error', { sticky: true });
          failedOnce = true;
        },
      );
    return writing;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.revision === prev.revision) return;
    screen.getState().setSaveStatus('saving');
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, delay);
  });

  return {
    flush() {
      if (timer) clearTimeout(timer);
      return write();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      unsubscribe();
    },
  };
}

// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeDocument } from '../editor/io/document-text';
import { AUTOSAVE_KEY, BROKEN_KEY } from '../editor/persist/autosave';
import { openKeyValueStore, type KeyValueStore } from '../editor/persist/idb';
import { encodeSharePayload } from '../editor/share/share-link';
import { createEditorStore } from '../editor/store/editor-store';
import { fallbackDocument, startUp } from './startup';
import { createScreenStore } from '../editor/screen/screen-store';

const example = { ...fallbackDocument(), name: 'Default example' };
const saved = { ...fallbackDocument(), name: 'Autosaved' };
const shared = { ...fallbackDocument(), name: 'Shared' };

let kv: KeyValueStore;
let screen = createScreenStore();
beforeEach(() => {
  kv = openKeyValueStore('startup-test', 'kv', new IDBFactory());
  screen = createScreenStore();
});

const deps = (hash = '') => ({ kv, hash, screen, clearHash: vi.fn(), loadDefaultExample: async () => serializeDocument(example) });

describe('startup', () => {
  it('opens the default example on a first start', async () => {
    const store = createEditorStore();
    expect(await startUp(store, deps())).toBe('example');
    expect(store.getState().doc.name).toBe('Default example');
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('prefers the autosave to the example, and a share link to both', async () => {
    await kv.set(AUTOSAVE_KEY, { text: serializeDocument(saved), savedAt: 1 });
    const store = createEditorStore();
    expect(await startUp(store, deps())).toBe('autosave');
    expect(store.getState().doc.name).toBe('Autosaved');

    const d = deps(`#model=${await encodeSharePayload(serializeDocument(shared))}`);
    const store2 = createEditorStore();
    expect(await startUp(store2, d)).toBe('share');
    expect(store2.getState().doc.name).toBe('Shared');
    expect(d.clearHash).toHaveBeenCalled();
  });

  it('sets a broken autosave aside, says so with a download, and opens the example', async () => {
    await kv.set(AUTOSAVE_KEY, { text: '{"format": 1}', savedAt: 1 });
    const store = createEditorStore();
    expect(await startUp(store, deps())).toBe('example');
    expect(store.getState().doc.name).toBe('Default example');
    const [toast] = screen.getState().toasts;
    expect(toast.text).toMatch(/^The model saved in this browser could not be read \(\$\.format: .*\)\. It was set aside and the default example opened instead\.$/);
    expect(toast).toMatchObject({ sticky: true, action: { label: 'Download it' } });
    expect(await kv.get(BROKEN_KEY)).toMatchObject({ text: '{"format": 1}' });
  });

  it('falls back to the autosave after a damaged share link, and to a small network when nothing loads', async () => {
    const store = createEditorStore();
    const d = { ...deps('#model=AAAA'), loadDefaultExample: async () => Promise.reject(new Error('offline')) };
    expect(await startUp(store, d)).toBe('fallback');
    expect(screen.getState().toasts.map((t) => t.text)).toEqual([
      expect.stringMatching(/^This share link is damaged: the compressed model cannot be read/),
      'The default example could not be loaded (offline); starting from a small network instead.',
    ]);
    expect(store.getState().analysis.plan).not.toBeNull();
  });

  it('lists the problems of a share link whose model does not parse', async () => {
    const store = createEditorStore();
    await startUp(store, deps(`#model=${await encodeSharePayload('{"format": "backprop-studio/model", "version": 2, "nodes": [], "edges": 3}')}`));
    const dialog = screen.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'import-errors', source: 'the share link' });
    expect(dialog?.kind === 'import-errors' && dialog.errors[0].path).toBe('$.edges');
    expect(store.getState().doc.name).toBe('Default example');
  });
});

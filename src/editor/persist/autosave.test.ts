import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMlpGraph } from '../../model/build-mlp';
import { CURRENT_VERSION, FORMAT, type ModelDocument } from '../../model/schema';
import { parseDocumentText, serializeDocument } from '../io/document-text';
import { createScreenStore } from '../screen/screen-store';
import { createEditorStore } from '../store/editor-store';
import { AUTOSAVE_KEY, BROKEN_KEY, restoreAutosave, startAutosave, type SavedRecord } from './autosave';
import { openKeyValueStore, type KeyValueStore } from './idb';

function doc(): ModelDocument {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [5], activation: 'relu' });
  return { format: FORMAT, version: CURRENT_VERSION, name: 'saved', seed: 3, nodes, edges };
}

let kv: KeyValueStore;
beforeEach(() => {
  kv = openKeyValueStore('test-db', 'kv', new IDBFactory());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave', () => {
  it('finds nothing on a first start', async () => {
    expect(await restoreAutosave(kv, parseDocumentText)).toEqual({ kind: 'none' });
  });

  it('saves once, 300 ms after the last of several changes, and restores the document with its weights', async () => {
    vi.useFakeTimers();
    const store = createEditorStore(doc());
    const screen = createScreenStore();
    const serialize = vi.fn(serializeDocument);
    const autosave = startAutosave(store, screen, kv, serialize);
    store.getState().setSeed(10);
    vi.advanceTimersByTime(200);
    store.getState().setName('renamed');
    store.getState().setWeights({ fc1: { w: { shape: [5, 2], dtype: 'float32', data: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==' }, b: { shape: [5], dtype: 'float32', data: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' } } });
    expect(screen.getState().saveStatus).toBe('saving');
    vi.advanceTimersByTime(299);
    expect(serialize).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(serialize).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
    await autosave.flush();
    expect(serialize).toHaveBeenCalledTimes(1);
    expect(screen.getState().saveStatus).toBe('saved');
    autosave.stop();

    const restored = await restoreAutosave(kv, parseDocumentText);
    expect(restored.kind).toBe('restored');
    const back = restored.kind === 'restored' ? restored.doc : null;
    expect(back?.name).toBe('renamed');
    expect(back?.seed).toBe(10);
    expect(back?.weights?.fc1.w.shape).toEqual([5, 2]);
    expect(back?.nodes).toEqual(store.getState().doc.nodes);
  });

  it('sets a state that fails to parse aside under another key, with its errors', async () => {
    const text = '{"format": "backprop-studio/model", "version": 2, "nodes": []';
    await kv.set(AUTOSAVE_KEY, { text, savedAt: 5 } satisfies SavedRecord);
    const r = await restoreAutosave(kv, parseDocumentText);
    expect(r.kind).toBe('broken');
    if (r.kind !== 'broken') return;
    expect(r.text).toBe(text);
    expect(r.errors[0].message).toMatch(/not valid JSON/);
    expect(await kv.get(AUTOSAVE_KEY)).toBeUndefined();
    expect(((await kv.get(BROKEN_KEY)) as SavedRecord).text).toBe(text);
    expect(await restoreAutosave(kv, parseDocumentText)).toEqual({ kind: 'none' });
  });

  it('treats a record without document text as broken too', async () => {
    await kv.set(AUTOSAVE_KEY, 42);
    const r = await restoreAutosave(kv, parseDocumentText);
    expect(r).toMatchObject({ kind: 'broken', text: '42', errors: [{ message: 'the saved record holds no document text' }] });
  });

  it('reports a failed write once, as a message that stays', async () => {
    const store = createEditorStore(doc());
    const screen = createScreenStore();
    const failing: KeyValueStore = { ...kv, set: () => Promise.reject(new Error('QuotaExceededError')) };
    const autosave = startAutosave(store, screen, failing, serializeDocument, 0);
    store.getState().setSeed(1);
    await autosave.flush();
    store.getState().setSeed(2);
    await autosave.flush();
    expect(screen.getState().saveStatus).toBe('error');
    expect(screen.getState().toasts.map((t) => t.text)).toEqual(['Autosave failed: QuotaExceededError. Export the model to keep it.']);
    autosave.stop();
  });
});

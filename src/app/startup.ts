import { buildMlpGraph, CURRENT_VERSION, FORMAT, type ModelDocument } from '../model';
import { parseDocumentText } from '../editor/io/document-text';
import { parseDocumentOffThread } from '../editor/io/parse-off-thread';
import { downloadFile } from '../editor/io/download';
import { fetchExampleIndex, fetchExampleText, listedExampleText } from '../editor/io/examples';
import { restoreAutosave } from '../editor/persist/autosave';
import type { KeyValueStore } from '../editor/persist/idb';
import { decodeSharePayload, sharePayloadFromHash } from '../editor/share/share-link';
import type { EditorStore } from '../editor/store/editor-store';
import type { ScreenStore } from '../editor/screen/screen-store';
import { exampleFromHash, presentRequested } from '../editor/lesson';

/** `lesson`: a link that presents a lesson (the model of the link, or a built-in example). */
export type StartSource = 'lesson' | 'share' | 'autosave' | 'example' | 'fallback';

export interface StartupDeps {
  kv: KeyValueStore;
  /** The location hash (a share link carries the model there). */
  hash: string;
  /** Removes the share payload from the address bar once it is loaded, so a reload shows the autosave. */
  clearHash(): void;
  /** Where messages and dialogs go. */
  screen: ScreenStore;
  loadDefaultExample?: () => Promise<string>;
  /** The text of a built-in example named by the link (`#example=<file>`), refused unless the examples' index lists it. */
  loadExample?: (file: string) => Promise<string>;
}

async function defaultExampleText(): Promise<string> {
  const index = await fetchExampleIndex();
  return fetchExampleText(index.defaultFile);
}

/** A small working network, for when even the default example cannot be loaded. */
export function fallbackDocument(): ModelDocument {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [16], activation: 'relu' });
  return { format: FORMAT, version: CURRENT_VERSION, name: 'Untitled model', seed: 42, nodes, edges };
}

/**
 * Opens the first document available: a share link in the address, else the autosaved
 * one, else the default example, else a small MLP. A saved state that fails to parse is
 * set aside (with a button to download it); the page always ends up with a graph.
 */
export async function startUp(store: EditorStore, deps: StartupDeps): Promise<StartSource> {
  const s = store.getState();
  const notify = deps.screen.getState().notify;
  const payload = sharePayloadFromHash(deps.hash);
  // A lesson's link stays in the address, so a reload (of the page or of its frame) opens the lesson again.
  const presenting = presentRequested(deps.hash);
  const example = payload ? null : exampleFromHash(deps.hash);
  if (example) {
    try {
      const parsed = parseDocumentText(await (deps.loadExample ?? listedExampleText)(example));
      if (!parsed.ok) throw new Error(`${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}`);
      s.loadDocument(parsed.doc);
      if (presenting && parsed.doc.lesson) return 'lesson';
      deps.clearHash();
      return 'example';
    } catch (e) {
      notify(`This link's example could not be opened: ${e instanceof Error ? e.message : String(e)}.`, 'error', { sticky: true });
      deps.clearHash();
    }
  }
  if (payload) {
    try {
      // A link is an untrusted document: it is read off the page's thread, within a time budget.
      const parsed = await parseDocumentOffThread(await decodeSharePayload(payload));
      if (parsed.ok) {
        s.loadDocument(parsed.doc);
        if (presenting && parsed.doc.lesson) return 'lesson';
        deps.clearHash();
        notify(`Opened the shared model “${parsed.doc.name}”.`, 'success');
        return 'share';
      }
      deps.screen.getState().openDialog({ kind: 'import-errors', source: 'the share link', errors: parsed.errors });
    } catch (e) {
      notify(`This share link is damaged: ${e instanceof Error ? e.message : String(e)}.`, 'error', { sticky: true });
    }
    deps.clearHash();
  }

  try {
    const restored = await restoreAutosave(deps.kv, parseDocumentText);
    if (restored.kind === 'restored') {
      s.loadDocument(restored.doc);
      return 'autosave';
    }
    if (restored.kind === 'broken') {
      const first = restored.errors[0];
      notify(
        `The model saved in this browser could not be read${first ? ` (${first.path ? `${first.path}: ` : ''}${first.message})` : ''}. It was set aside and the default example opened instead.`,
        'warning',
        { sticky: true, action: { label: 'Download it', run: () => downloadFile('unreadable-autosave.json', restored.text, 'application/json') } },
      );
    }
  } catch (e) {
    notify(`The model saved in this browser could not be read: ${e instanceof Error ? e.message : String(e)}.`, 'warning');
  }

  try {
    const parsed = parseDocumentText(await (deps.loadDefaultExample ?? defaultExampleText)());
    if (!parsed.ok) throw new Error(`${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}`);
    s.loadDocument(parsed.doc);
    return 'example';
  } catch (e) {
    notify(`The default example could not be loaded (${e instanceof Error ? e.message : String(e)}); starting from a small network instead.`, 'warning');
    s.loadDocument(fallbackDocument());
    return 'fallback';
  }
}

import { serializeDocument } from '../editor/io/document-text';
import { parseDocumentOffThread } from '../editor/io/parse-off-thread';
import { fetchExampleText, type ExampleEntry } from '../editor/io/examples';
import { documentJson, EXPORT_LABELS, exportDocument, type ExportKind } from '../editor/io/export-model';
import type { ScreenStore } from '../editor/screen/screen-store';
import { makeShareLink, MAX_LINK_LENGTH } from '../editor/share/share-link';
import { currentDocument, type EditorStore } from '../editor/store/editor-store';
import type { ModelDocument } from '../model';
import { tidyPositions } from '../editor/store/tidy';

/**
 * What the toolbar, the shortcuts and file drops do, on the editor store, reporting to the
 * screen store. Each reports its outcome to the user (a message or a dialog) and never throws.
 */
export interface AppStores {
  editor: EditorStore;
  screen: ScreenStore;
}

/**
 * True when the document holds work that replacing it would set aside: edits since it was
 * opened, or trained weights (kept only in this browser until exported).
 */
export function hasUnsavedWork(editor: EditorStore): boolean {
  const s = editor.getState();
  return s.doc.nodes.length > 0 && (s.revision !== s.openedRevision || s.weights !== undefined);
}

/**
 * Replaces the document (one undo step) and says so; when that sets work aside, the
 * message says which model was replaced and offers Undo, which brings it back whole.
 */
export function replaceWithUndo({ editor, screen }: AppStores, doc: ModelDocument, what: string): void {
  const before = editor.getState().doc.name;
  const unsaved = hasUnsavedWork(editor);
  editor.getState().replaceDocument(doc);
  if (unsaved) {
    screen.getState().notify(`${what} “${before}” was replaced; Undo brings it back.`, 'info', { action: { label: 'Undo', run: () => editor.getState().undo() } });
  } else screen.getState().notify(what, 'success');
}

/** Starts an empty, untitled model (one undo step). */
export function newDocument({ editor, screen }: AppStores): void {
  const before = editor.getState().doc.name;
  const unsaved = hasUnsavedWork(editor);
  editor.getState().newDocument();
  const text = 'New model: drag layers from the palette, or use Build MLP….';
  if (unsaved) screen.getState().notify(`${text} “${before}” was set aside; Undo brings it back.`, 'info', { action: { label: 'Undo', run: () => editor.getState().undo() } });
  else screen.getState().notify(text, 'info');
}

/**
 * Replaces the document by the one in `text` (one undo step), or lists its problems and
 * leaves the graph as it is. The text is read off the page's thread (see parseDocumentOffThread).
 */
export async function importText(stores: AppStores, text: string, source: string): Promise<boolean> {
  const parsed = await parseDocumentOffThread(text);
  if (!parsed.ok) {
    stores.screen.getState().openDialog({ kind: 'import-errors', source, errors: parsed.errors });
    return false;
  }
  replaceWithUndo(stores, parsed.doc, `Opened “${parsed.doc.name}” from ${source}.`);
  for (const w of parsed.warnings) stores.screen.getState().notify(w.message, 'warning');
  return true;
}

export async function importFile(stores: AppStores, file: File): Promise<boolean> {
  if (!/\.json$/i.test(file.name) && file.type !== 'application/json') {
    stores.screen.getState().openDialog({
      kind: 'import-errors',
      source: file.name,
      errors: [{ path: '$', message: `“${file.name}” is not a .json file; Import reads model documents saved as JSON.` }],
    });
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    stores.screen.getState().notify(`Could not read “${file.name}”: ${e instanceof Error ? e.message : String(e)}`, 'error');
    return false;
  }
  return importText(stores, text, file.name);
}

export async function exportAs({ editor, screen }: AppStores, kind: ExportKind): Promise<void> {
  const notify = screen.getState().notify;
  try {
    const r = await exportDocument(currentDocument(editor.getState()), kind);
    if (r.ok) notify(r.note ? `Exported ${r.fileName}. ${r.note}` : `Exported ${r.fileName}.`, r.note ? 'warning' : 'success');
    else notify(`${EXPORT_LABELS[kind]} export failed: ${r.reason}`, 'error', { sticky: true });
  } catch (e) {
    notify(`${EXPORT_LABELS[kind]} export failed: ${e instanceof Error ? e.message : String(e)}`, 'error', { sticky: true });
  }
}

/** Export → PyTorch training script: the .zip with train.py and its data, starting from the chosen weights. */
export async function exportTrainingScript({ editor, screen }: AppStores, weights: 'initial' | 'current'): Promise<boolean> {
  const notify = screen.getState().notify;
  const failed = (reason: string) => notify(`PyTorch training script export failed: ${reason}`, 'error', { sticky: true });
  try {
    const { exportTrainingScriptZip } = await import('../editor/io/training-export');
    const r = await exportTrainingScriptZip(currentDocument(editor.getState()), weights);
    if (r.ok) notify(`Exported ${r.fileName}: unzip it and run python train.py (or torchrun --nproc_per_node=N train.py).`, 'success');
    else failed(r.reason);
    return r.ok;
  } catch (e) {
    failed(e instanceof Error ? e.message : String(e));
    return false;
  }
}

export async function openExample(stores: AppStores, entry: ExampleEntry): Promise<void> {
  try {
    await importText(stores, await fetchExampleText(entry.file), `the example “${entry.name}”`);
  } catch (e) {
    stores.screen.getState().notify(`Could not load the example “${entry.name}”: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

/**
 * Puts a link that opens the model into the clipboard (with the weights when they fit),
 * or shows it for copying by hand when the clipboard refuses.
 */
export async function shareLink({ editor, screen }: AppStores, base = location.href): Promise<void> {
  const notify = screen.getState().notify;
  const doc = currentDocument(editor.getState());
  try {
    const r = await makeShareLink(base, doc.weights ? serializeDocument(doc) : null, documentJson(doc, false));
    if (!r.ok) {
      notify(
        `This model is too big for a link (${Math.round(r.length / 1024)} KB, the limit is ${MAX_LINK_LENGTH / 1024} KB even without weights). Use Export → JSON and share the file instead.`,
        'error',
        { sticky: true },
      );
      return;
    }
    const note = doc.weights && !r.withWeights ? ' The weights did not fit, so the link carries the graph only.' : '';
    try {
      await navigator.clipboard.writeText(r.url);
      notify(`Link copied to the clipboard.${note}`, note ? 'warning' : 'success');
    } catch {
      screen.getState().openDialog({ kind: 'share', url: r.url, withWeights: r.withWeights });
    }
  } catch (e) {
    notify(`Could not make a link: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

/** Lays the graph out anew (one undo step) and fits it into view. */
export async function tidyUp({ editor, screen }: AppStores): Promise<void> {
  const s = editor.getState();
  if (!s.doc.nodes.length) return;
  try {
    const positions = await tidyPositions(s.doc, s.measured);
    // The graph may have changed while the layout library loaded: place only the nodes still there.
    const ids = new Set(editor.getState().doc.nodes.map((n) => n.id));
    editor.getState().moveNodes(new Map([...positions].filter(([id]) => ids.has(id))));
    screen.getState().requestFitView();
  } catch (e) {
    screen.getState().notify(`Tidy up failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

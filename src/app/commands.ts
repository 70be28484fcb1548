import { parseDocumentText, serializeDocument } from '../editor/io/document-text';
import { fetchExampleText, type ExampleEntry } from '../editor/io/examples';
import { documentJson, EXPORT_LABELS, exportDocument, type ExportKind } from '../editor/io/export-model';
import { makeShareLink, MAX_LINK_LENGTH } from '../editor/share/share-link';
import { currentDocument, type EditorStore } from '../editor/store/editor-store';
import { useUi } from './ui-store';

/**
 * What the toolbar, the shortcuts and file drops do, on the editor store. Each reports
 * its outcome to the user (a message or a dialog) and never throws.
 */

/** Replaces the document by the one in `text` (one undo step), or lists its problems and leaves the graph as it is. */
export function importText(store: EditorStore, text: string, source: string): boolean {
  const parsed = parseDocumentText(text);
  if (!parsed.ok) {
    useUi.getState().open({ kind: 'import-errors', source, errors: parsed.errors });
    return false;
  }
  store.getState().replaceDocument(parsed.doc);
  const s = store.getState();
  s.notify(`Opened “${parsed.doc.name}” from ${source}.`, 'success');
  for (const w of parsed.warnings) s.notify(w.message, 'warning');
  return true;
}

export async function importFile(store: EditorStore, file: File): Promise<boolean> {
  if (!/\.json$/i.test(file.name) && file.type !== 'application/json') {
    useUi.getState().open({
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
    store.getState().notify(`Could not read “${file.name}”: ${e instanceof Error ? e.message : String(e)}`, 'error');
    return false;
  }
  return importText(store, text, file.name);
}

export async function exportAs(store: EditorStore, kind: ExportKind): Promise<void> {
  const s = store.getState();
  try {
    const r = await exportDocument(currentDocument(s), kind);
    if (r.ok) s.notify(r.note ? `Exported ${r.fileName}. ${r.note}` : `Exported ${r.fileName}.`, r.note ? 'warning' : 'success');
    else s.notify(`${EXPORT_LABELS[kind]} export failed: ${r.reason}`, 'error', { sticky: true });
  } catch (e) {
    s.notify(`${EXPORT_LABELS[kind]} export failed: ${e instanceof Error ? e.message : String(e)}`, 'error', { sticky: true });
  }
}

export async function openExample(store: EditorStore, entry: ExampleEntry): Promise<void> {
  try {
    importText(store, await fetchExampleText(entry.file), `the example “${entry.name}”`);
  } catch (e) {
    store.getState().notify(`Could not load the example “${entry.name}”: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

/**
 * Puts a link that opens the model into the clipboard (with the weights when they fit),
 * or shows it for copying by hand when the clipboard refuses.
 */
export async function shareLink(store: EditorStore, base = location.href): Promise<void> {
  const s = store.getState();
  const doc = currentDocument(s);
  try {
    const r = await makeShareLink(base, doc.weights ? serializeDocument(doc) : null, documentJson(doc, false));
    if (!r.ok) {
      s.notify(
        `This model is too big for a link (${Math.round(r.length / 1024)} KB, the limit is ${MAX_LINK_LENGTH / 1024} KB even without weights). Use Export → JSON and share the file instead.`,
        'error',
        { sticky: true },
      );
      return;
    }
    const note = doc.weights && !r.withWeights ? ' The weights did not fit, so the link carries the graph only.' : '';
    try {
      await navigator.clipboard.writeText(r.url);
      s.notify(`Link copied to the clipboard.${note}`, note ? 'warning' : 'success');
    } catch {
      useUi.getState().open({ kind: 'share', url: r.url, withWeights: r.withWeights });
    }
  } catch (e) {
    s.notify(`Could not make a link: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

import { documentJson } from '../../editor/io/export-model';
import { serializeDocument } from '../../editor/io/document-text';
import { makeShareLink, MAX_LINK_LENGTH } from '../../editor/share/share-link';
import { currentDocument } from '../../editor/store/editor-store';
import type { AppStores } from '../commands';

/** The share link with `present`, which opens the lesson for a learner. */
export async function lessonLink({ editor }: AppStores, base = location.href): Promise<{ ok: true; url: string; withWeights: boolean } | { ok: false; length: number }> {
  const doc = currentDocument(editor.getState());
  const r = await makeShareLink(base, doc.weights ? serializeDocument(doc) : null, documentJson(doc, false));
  return r.ok ? { ...r, url: `${r.url}&present` } : r;
}

/** HTML that embeds the lesson in another page; the app needs nothing of the page around it. */
export function embedCode(url: string, title: string): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${attr(url)}" title="${attr(title)}" width="1200" height="760" style="border:0" loading="lazy"></iframe>`;
}

/** Puts the lesson's link (or its embed code) into the clipboard, or shows it for copying by hand. */
export async function copyLessonLink(stores: AppStores, what: 'link' | 'embed'): Promise<void> {
  const notify = stores.screen.getState().notify;
  try {
    const r = await lessonLink(stores);
    if (!r.ok) {
      notify(`This lesson's model is too big for a link (${Math.round(r.length / 1024)} KB; the limit is ${MAX_LINK_LENGTH / 1024} KB).`, 'error', { sticky: true });
      return;
    }
    const title = stores.editor.getState().doc.lesson?.title ?? 'Backprop Studio lesson';
    const text = what === 'link' ? r.url : embedCode(r.url, title);
    try {
      await navigator.clipboard.writeText(text);
      notify(what === 'link' ? 'Lesson link copied: it opens the lesson for a learner.' : 'Embed code copied: paste it into a web page.', 'success');
    } catch {
      stores.screen.getState().openDialog({ kind: 'share', url: text, withWeights: r.withWeights });
    }
  } catch (e) {
    notify(`Could not make a link: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

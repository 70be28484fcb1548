import { codeTrust } from '../custom/code-trust';
import type { ScreenStore } from '../screen/screen-store';
import type { EditorStore } from '../store/editor-store';
import type { RunStore } from './run-data';

/**
 * What drives a run store from outside: every change of the document (or of its lineage)
 * and of the code the user trusts schedules a sync, which itself skips changes the engine
 * does not care about (moves, renames), so a drag costs one key comparison at its end; the
 * screen's switches (live mode, speed) set the store's. Returns the unsubscribe.
 */
export function followRunInputs(store: RunStore, editor: EditorStore, screen: ScreenStore, scheduleSync: () => void): () => void {
  let lastDoc = editor.getState().doc;
  let lastLineage = editor.getState().lineage;
  const unsubscribeEditor = editor.subscribe((s) => {
    if (s.doc === lastDoc && s.lineage === lastLineage) return;
    lastDoc = s.doc;
    lastLineage = s.lineage;
    scheduleSync();
  });
  const unsubscribeTrust = codeTrust.subscribe(() => scheduleSync());
  const unsubscribeScreen = screen.subscribe((s, prev) => {
    if (s.live !== prev.live) store.getState().setLive(s.live);
    if (s.speed !== prev.speed) store.getState().setSpeed(s.speed);
  });
  return () => {
    unsubscribeEditor();
    unsubscribeTrust();
    unsubscribeScreen();
  };
}

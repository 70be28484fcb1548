import type { ModelDocument } from '../../model';
import { EngineClient } from '../../runtime';
import { channelWorker } from '../../runtime/testing/channel-worker';
import { createEditorStore, type EditorStore } from '../store/editor-store';
import { createScreenStore, type ScreenStore } from '../screen/screen-store';
import { createRunStore, type RunStore } from './run-store';

/**
 * For tests: an editor holding `doc` and a run store over an engine worker that runs on a
 * MessageChannel in the same process. `dispose` ends both.
 */
export function connectedStores(doc: ModelDocument): { editor: EditorStore; screen: ScreenStore; run: RunStore; client: EngineClient; dispose(): void } {
  const editor = createEditorStore();
  editor.getState().loadDocument(doc);
  const client = new EngineClient({ createWorker: channelWorker });
  const screen = createScreenStore();
  const run = createRunStore(editor, client, screen);
  return {
    editor,
    screen,
    run,
    client,
    dispose() {
      run.getState().dispose();
      client.dispose();
    },
  };
}

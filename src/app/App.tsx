import '@xyflow/react/dist/style.css';
import './app.css';
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Canvas } from '../editor/flow/Canvas';
import { stopCodeAfterRestart } from '../editor/custom/stop-code';
import { serializeDocument } from '../editor/io/document-text';
import { parseDocumentOffThread } from '../editor/io/parse-off-thread';
import { startAutosave } from '../editor/persist/autosave';
import { restoreRunHistory, startRunHistory } from '../editor/persist/last-run';
import type { KeyValueStore } from '../editor/persist/idb';
import { decodeSharePayload, sharePayloadFromHash } from '../editor/share/share-link';
import type { EditorStore } from '../editor/store/editor-store';
import { EditorProvider, useEditorStore } from '../editor/use-editor';
import { createRunStore, type RunStore } from '../editor/run/run-store';
import { RunProvider, useRunStore } from '../editor/run/use-run';
import { createScreenStore, type ScreenStore } from '../editor/screen/screen-store';
import { ScreenProvider, useScreen, useScreenStore } from '../editor/screen/use-screen';
import { EngineClient } from '../runtime';
import { BottomPanel } from './BottomPanel';
import { exportAs, importFile, newDocument, replaceWithUndo, tidyUp, type AppStores } from './commands';
import { ImportErrorsDialog } from './ImportErrorsDialog';
import { SidePanel } from './SidePanel';
import { MlpDialog } from './MlpDialog';
import { Palette } from './Palette';
import { useRunControls } from './run-controls';
import { ShareDialog } from './ShareDialog';
import { TrainingExportDialog } from './TrainingExportDialog';
import { useShortcuts, type ShortcutCommand } from './shortcuts';
import { startUp } from './startup';
import { useTheme } from './theme';
import { Toasts } from './Toasts';
import { Toolbar } from './Toolbar';
import { present, presentRequested, useControl } from '../editor/lesson';
import { LessonPresenter } from './lesson/LessonPresenter';
import { shortcutLocked } from './lesson/shortcut-locks';
import { trainingTabs } from './training/tabs';
import { watchTabs } from './watch/tabs';
import { WatchLayer } from './watch/WatchLayer';

export interface AppProps {
  store: EditorStore;
  kv: KeyValueStore;
  /** The engine bridge; by default a worker-backed one is made for `store`. */
  run?: RunStore;
  /** Messages, dialogs, views and preferences; by default one is made for `store`. */
  screen?: ScreenStore;
}

function clearHash() {
  history.replaceState(null, '', location.pathname + location.search);
}

/** The code editor (CodeMirror) loads only when a Custom node's code is opened. */
const CodeDialog = lazy(() => import('./custom/CodeDialog'));

/** Startup runs once per store, even when React mounts the shell twice (StrictMode). */
const started = new WeakMap<EditorStore, Promise<unknown>>();

function Dialogs() {
  const dialog = useScreen((s) => s.dialog);
  const close = useScreen((s) => s.closeDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'mlp':
      return <MlpDialog onClose={close} />;
    case 'import-errors':
      return <ImportErrorsDialog source={dialog.source} errors={dialog.errors} onClose={close} />;
    case 'share':
      return <ShareDialog url={dialog.url} withWeights={dialog.withWeights} onClose={close} />;
    case 'training-export':
      return <TrainingExportDialog onClose={close} />;
    case 'code':
      return (
        <Suspense fallback={null}>
          <CodeDialog nodeId={dialog.nodeId} onClose={close} />
        </Suspense>
      );
  }
}

/** One screen store, engine worker and run store per editor store, created on first use. */
const screenStores = new WeakMap<EditorStore, ScreenStore>();
const runStores = new WeakMap<EditorStore, RunStore>();

export function screenStoreFor(store: EditorStore): ScreenStore {
  let screen = screenStores.get(store);
  if (!screen) screenStores.set(store, (screen = createScreenStore()));
  return screen;
}

export function runStoreFor(store: EditorStore, screen: ScreenStore): RunStore {
  let run = runStores.get(store);
  if (!run) {
    const client = new EngineClient({
      onRestart: (reason) => {
        screen
          .getState()
          .notify(stopCodeAfterRestart(store.getState().doc.nodes, reason) ?? `The engine stopped unexpectedly (${reason}) and was restarted with your model.`, 'warning', { sticky: true });
        void run?.getState().engineRestarted();
      },
      onDocumentCrash: (message) => screen.getState().notify(message, 'error', { sticky: true }),
    });
    run = createRunStore(store, client, screen);
    runStores.set(store, run);
  }
  return run;
}

function RunButtons({ theme, setTheme }: { theme: ReturnType<typeof useTheme>[0]; setTheme: ReturnType<typeof useTheme>[1] }) {
  const run = useRunControls();
  return <Toolbar theme={theme} setTheme={setTheme} run={run} />;
}

function Shell({ kv }: { kv: KeyValueStore }) {
  const store = useEditorStore();
  const screen = useScreenStore();
  const run = useRunStore();
  const stores: AppStores = useMemo(() => ({ editor: store, screen }), [store, screen]);
  const [theme, setTheme] = useTheme();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    let stop: (() => void) | null = null;
    let flush: (() => void) | null = null;
    if (!started.has(store)) started.set(store, startUp(store, { kv, hash: location.hash, clearHash, screen }));
    void started.get(store)!.then((source) => {
      if (!live) return;
      if (source === 'lesson') {
        // A lesson opened from a link is the teacher's model, not the learner's work: it is not
        // autosaved over what this browser keeps, and a reload opens the lesson again.
        const lesson = store.getState().doc.lesson;
        if (lesson && !screen.getState().presenting) present({ editor: store, screen, run }, lesson, 'link');
        setReady(true);
        return;
      }
      const autosave = startAutosave(store, screen, kv, serializeDocument);
      // The last run's history first, so the run this session saves never overwrites it unseen.
      void restoreRunHistory(run, store, kv);
      const history = startRunHistory(run, store, kv);
      stop = () => {
        autosave.stop();
        history.stop();
      };
      flush = () => {
        void autosave.flush();
        void history.flush();
      };
      addEventListener('pagehide', flush);
      setReady(true);
    });
    return () => {
      live = false;
      stop?.();
      if (flush) removeEventListener('pagehide', flush);
    };
  }, [store, screen, run, kv]);

  // A share link pasted into the address bar of an open tab.
  useEffect(() => {
    const onHash = async () => {
      const payload = sharePayloadFromHash(location.hash);
      if (!payload) return;
      const presentIt = presentRequested(location.hash);
      clearHash();
      try {
        const parsed = await parseDocumentOffThread(await decodeSharePayload(payload));
        if (!parsed.ok) {
          screen.getState().openDialog({ kind: 'import-errors', source: 'the share link', errors: parsed.errors });
          return;
        }
        replaceWithUndo(stores, parsed.doc, `Opened the shared model “${parsed.doc.name}”.`);
        if (presentIt && parsed.doc.lesson) present({ ...stores, run }, parsed.doc.lesson, 'preview');
      } catch (e) {
        screen.getState().notify(`This share link is damaged: ${e instanceof Error ? e.message : String(e)}.`, 'error');
      }
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [stores, screen, run]);

  const onShortcut = useCallback(
    (cmd: ShortcutCommand) => {
      const s = store.getState();
      if (shortcutLocked(cmd, screen.getState().presenting)) return;
      switch (cmd) {
        case 'delete':
          s.deleteSelection();
          break;
        case 'undo':
          s.undo();
          break;
        case 'redo':
          s.redo();
          break;
        case 'copy':
          if (s.copySelection()) {
            const n = store.getState().clipboard!.nodes.length;
            screen.getState().notify(`Copied ${n} ${n === 1 ? 'node' : 'nodes'}.`, 'info');
          }
          break;
        case 'paste':
          s.paste();
          break;
        case 'selectAll':
          s.selectAll();
          break;
        case 'save':
          void exportAs(stores, 'json');
          break;
        case 'new':
          newDocument(stores);
          break;
        case 'tidy':
          void tidyUp(stores);
          break;
      }
    },
    [store, screen, stores],
  );
  useShortcuts(onShortcut);

  // A lesson's card takes a column of its own beside the canvas, so it never covers the graph.
  const paletteShown = useControl('palette') !== 'hide';
  const presenting = useScreen((s) => s.presenting !== null);
  const sideShown = useControl('side_panel') !== 'hide';
  const workspaceColumns = [paletteShown ? '188px' : '', 'minmax(0, 1fr)', presenting ? 'minmax(260px, 320px)' : '', sideShown ? '272px' : ''].filter(Boolean).join(' ');

  const onFileDrop = useCallback((file: File) => void importFile(stores, file), [stores]);

  return (
    <div className="bp-app" data-ready={ready ? 'true' : 'false'} data-presenting={presenting || undefined}>
      <RunButtons theme={theme} setTheme={setTheme} />
      <div className="bp-workspace" style={{ gridTemplateColumns: workspaceColumns }}>
        <Palette />
        <main className="bp-centre" aria-label="Graph editor">
          <Canvas colorMode={theme} onFileDrop={onFileDrop} />
          <BottomPanel extraTabs={[...watchTabs, ...trainingTabs]} />
          <Toasts />
        </main>
        <LessonPresenter />
        {sideShown && <SidePanel />}
      </div>
      <Dialogs />
      <WatchLayer />
    </div>
  );
}

/** Backprop Studio: the editor store and browser storage in, the whole app out. */
export function App({ store, kv, run, screen }: AppProps) {
  const screenStore = useMemo(() => screen ?? screenStoreFor(store), [screen, store]);
  const runStore = useMemo(() => run ?? runStoreFor(store, screenStore), [run, store, screenStore]);
  return (
    <EditorProvider store={store}>
      <ScreenProvider store={screenStore}>
        <RunProvider store={runStore}>
          <ReactFlowProvider>
            <Shell kv={kv} />
          </ReactFlowProvider>
        </RunProvider>
      </ScreenProvider>
    </EditorProvider>
  );
}

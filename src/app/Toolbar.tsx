import { useRef } from 'react';
import { type ExampleEntry } from '../editor/io/examples';
import { useExampleIndex } from './use-examples';
import { EXPORT_LABELS, type ExportKind } from '../editor/io/export-model';
import { useEditor, useEditorStore } from '../editor/use-editor';
import { useScreenStore } from '../editor/screen/use-screen';
import { exportAs, importFile, newDocument, openExample, shareLink, tidyUp, type AppStores } from './commands';
import { icons } from './icons';
import { MenuButton, type MenuItem } from './MenuButton';
import type { RunControls } from './run-controls';
import type { Theme } from './theme';
import { ToolButton } from './ToolButton';
import { present, stopPresenting, useControl } from '../editor/lesson';
import { useOptionalRunStore } from '../editor/run/use-run';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

const EXPORT_DESCRIPTIONS: Record<ExportKind, string> = {
  json: 'The graph and settings, without weights',
  'json-weights': 'The graph with its current weights',
  pytorch: 'A Python script that rebuilds the network in PyTorch',
  onnx: 'An ONNX file with the network and its weights',
};

export interface ToolbarProps {
  theme: Theme;
  setTheme(t: Theme): void;
  run: RunControls;
}

/** The top bar: file and sharing commands, undo/redo, the MLP builder, the run buttons and the theme. */
export function Toolbar({ theme, setTheme, run }: ToolbarProps) {
  const store = useEditorStore();
  const screen = useScreenStore();
  const stores: AppStores = { editor: store, screen };
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const fileInput = useRef<HTMLInputElement>(null);
  const { examples, error: examplesError, retry: retryExamples } = useExampleIndex();

  const runStore = useOptionalRunStore();
  /** Opens an example; one that carries a lesson starts presenting it (Exit leaves it). */
  const openExampleLesson = async (ex: ExampleEntry) => {
    const before = store.getState().lineage;
    await openExample(stores, ex);
    const s = store.getState();
    if (s.lineage === before) return;
    const lessonStores = { editor: store, screen, run: runStore ?? undefined };
    if (screen.getState().presenting?.mode === 'preview') stopPresenting(lessonStores, { keepDocument: true });
    if (s.doc.lesson && !screen.getState().presenting) present(lessonStores, s.doc.lesson, 'preview');
  };
  const history = useControl('toolbar_history');
  const file = useControl('toolbar_file');
  const build = useControl('toolbar_build');
  const runGroup = useControl('toolbar_run');
  const lockedNote = ' (locked by the lesson)';
  const runTitle = (what: string) => (run.unavailable ? `${what}. ${run.unavailable}` : what);

  return (
    <header className="bp-toolbar">
      <div className="bp-toolbar__brand">
        <svg className="bp-logo" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
          <circle cx="4" cy="10" r="2.4" />
          <circle cx="16" cy="4.5" r="2.4" />
          <circle cx="16" cy="15.5" r="2.4" />
          <path d="M6.2 9l7.6-3.6M6.2 11l7.6 3.6" />
        </svg>
        <span className="bp-toolbar__app">Backprop Studio</span>
      </div>

      {history !== 'hide' && (
      <div className="bp-toolbar__group" role="group" aria-label="History" data-locked={history === 'lock' || undefined}>
        <ToolButton label="Undo" iconOnly icon={icons.undo} title={`Undo (${MOD}Z)`} disabled={!canUndo || history === 'lock'} onClick={() => store.getState().undo()} />
        <ToolButton label="Redo" iconOnly icon={icons.redo} title={`Redo (${MOD}Shift+Z)`} disabled={!canRedo || history === 'lock'} onClick={() => store.getState().redo()} />
      </div>
      )}

      {file !== 'hide' && (
      <div className="bp-toolbar__group" role="group" aria-label="File" data-locked={file === 'lock' || undefined}>
        <ToolButton label="New" icon={icons.newDoc} disabled={file === 'lock'} title={`Start a new, empty model (${MOD}${isMac ? '⌥' : 'Alt+'}N)${file === 'lock' ? lockedNote : ''}`} onClick={() => newDocument(stores)} />
        <ToolButton label="Import" icon={icons.import} disabled={file === 'lock'} title={`Open a model saved as JSON${file === 'lock' ? lockedNote : ''}`} onClick={() => fileInput.current?.click()} />
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(stores, f);
          }}
        />
        <MenuButton
          label="Export"
          icon={icons.export}
          disabled={file === 'lock'}
          title={`Download the model (${MOD}S: JSON)`}
          items={(Object.keys(EXPORT_LABELS) as ExportKind[]).map((k): MenuItem => ({
            key: k,
            label: EXPORT_LABELS[k],
            description: EXPORT_DESCRIPTIONS[k],
            onSelect: () => void exportAs(stores, k),
          })).concat({
            key: 'pytorch-training',
            label: 'PyTorch training script…',
            description: 'train.py and its data in a .zip: trains this model in PyTorch as the app does',
            onSelect: () => screen.getState().openDialog({ kind: 'training-export' }),
          })}
        />
        <MenuButton
          label="Examples"
          icon={icons.examples}
          disabled={file === 'lock'}
          title="Open a ready-made network"
          emptyText={examplesError ? `Examples could not be loaded: ${examplesError}. Open the menu again to retry.` : 'Loading…'}
          onOpen={retryExamples}
          items={[...(examples ?? []).filter((ex) => !ex.lesson), ...(examples ?? []).filter((ex) => ex.lesson)].map((ex) => ({
            key: ex.file,
            label: ex.name,
            description: ex.description,
            group: ex.lesson ? 'Lessons' : undefined,
            onSelect: () => void openExampleLesson(ex),
          }))}
        />
        <ToolButton label="Share link" icon={icons.share} disabled={file === 'lock'} title="Copy a link that opens this model" onClick={() => void shareLink(stores)} />
      </div>
      )}

      {build !== 'hide' && (
      <div className="bp-toolbar__group" role="group" aria-label="Build" data-locked={build === 'lock' || undefined}>
        <ToolButton label="Build MLP…" icon={icons.mlp} disabled={build === 'lock'} title="Lay out a multi-layer perceptron" onClick={() => screen.getState().openDialog({ kind: 'mlp' })} />
        <ToolButton label="Tidy up" icon={icons.tidy} disabled={build === 'lock'} title={`Lay the graph out afresh, nothing overlapping (${MOD}${isMac ? '⌥' : 'Alt+'}L)`} onClick={() => void tidyUp(stores)} />
      </div>
      )}

      {runGroup !== 'hide' && (
      <div className="bp-toolbar__group bp-toolbar__run" role="group" aria-label="Run" data-locked={runGroup === 'lock' || undefined}>
        <ToolButton label="Forward" icon={icons.forward} disabled={!!run.unavailable || runGroup === 'lock'} title={runTitle('Run a forward pass on a batch')} onClick={run.forward} />
        <ToolButton label="Backward" icon={icons.backward} disabled={!!run.unavailable || runGroup === 'lock'} title={runTitle('Backpropagate the loss')} onClick={run.backward} />
        <ToolButton label="Step" icon={icons.step} disabled={!!run.unavailable || runGroup === 'lock'} title={runTitle('Run the next layer: forward through the chain, then backward')} onClick={run.step} />
        <ToolButton
          label={run.training ? 'Pause' : 'Train'}
          icon={run.training ? icons.pause : icons.train}
          disabled={!!run.trainBlocked || runGroup === 'lock'}
          title={run.trainBlocked && !run.unavailable ? run.trainBlocked : runTitle(run.training ? 'Pause training' : 'Train until the target loss or the epoch limit')}
          onClick={run.toggleTraining}
        />
        <ToolButton label="Reset weights" icon={icons.reset} disabled={!!run.unavailable || runGroup === 'lock'} title={runTitle('Draw the initial weights again from the seed')} onClick={run.resetWeights} />
      </div>
      )}

      <div className="bp-toolbar__end">
        <ToolButton
          label="Dark theme"
          iconOnly
          icon={theme === 'dark' ? icons.moon : icons.sun}
          pressed={theme === 'dark'}
          title={theme === 'dark' ? 'Dark theme (click for light)' : 'Light theme (click for dark)'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        />
      </div>
    </header>
  );
}

import { useEffect, useRef, useState } from 'react';
import { fetchExampleIndex, type ExampleEntry } from '../editor/io/examples';
import { EXPORT_LABELS, type ExportKind } from '../editor/io/export-model';
import { useEditor, useEditorStore } from '../editor/use-editor';
import { useScreenStore } from '../editor/screen/use-screen';
import { exportAs, importFile, newDocument, openExample, shareLink, tidyUp, type AppStores } from './commands';
import { icons } from './icons';
import { MenuButton } from './MenuButton';
import type { RunControls } from './run-controls';
import type { Theme } from './theme';
import { ToolButton } from './ToolButton';

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
  const [examples, setExamples] = useState<ExampleEntry[] | null>(null);
  const [examplesError, setExamplesError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchExampleIndex().then(
      (idx) => live && setExamples(idx.examples),
      (e: unknown) => live && setExamplesError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);

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

      <div className="bp-toolbar__group" role="group" aria-label="History">
        <ToolButton label="Undo" iconOnly icon={icons.undo} title={`Undo (${MOD}Z)`} disabled={!canUndo} onClick={() => store.getState().undo()} />
        <ToolButton label="Redo" iconOnly icon={icons.redo} title={`Redo (${MOD}Shift+Z)`} disabled={!canRedo} onClick={() => store.getState().redo()} />
      </div>

      <div className="bp-toolbar__group" role="group" aria-label="File">
        <ToolButton label="New" icon={icons.newDoc} title={`Start a new, empty model (${MOD}${isMac ? '⌥' : 'Alt+'}N)`} onClick={() => newDocument(stores)} />
        <ToolButton label="Import" icon={icons.import} title="Open a model saved as JSON" onClick={() => fileInput.current?.click()} />
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
          title={`Download the model (${MOD}S: JSON)`}
          items={(Object.keys(EXPORT_LABELS) as ExportKind[]).map((k) => ({
            key: k,
            label: EXPORT_LABELS[k],
            description: EXPORT_DESCRIPTIONS[k],
            onSelect: () => void exportAs(stores, k),
          }))}
        />
        <MenuButton
          label="Examples"
          icon={icons.examples}
          title="Open a ready-made network"
          emptyText={examplesError ? `Examples could not be loaded: ${examplesError}` : 'Loading…'}
          items={(examples ?? []).map((ex) => ({ key: ex.file, label: ex.name, description: ex.description, onSelect: () => void openExample(stores, ex) }))}
        />
        <ToolButton label="Share link" icon={icons.share} title="Copy a link that opens this model" onClick={() => void shareLink(stores)} />
      </div>

      <div className="bp-toolbar__group">
        <ToolButton label="Build MLP…" icon={icons.mlp} title="Lay out a multi-layer perceptron" onClick={() => screen.getState().openDialog({ kind: 'mlp' })} />
        <ToolButton label="Tidy up" icon={icons.tidy} title={`Lay the graph out afresh, nothing overlapping (${MOD}${isMac ? '⌥' : 'Alt+'}L)`} onClick={() => void tidyUp(stores)} />
      </div>

      <div className="bp-toolbar__group bp-toolbar__run" role="group" aria-label="Run">
        <ToolButton label="Forward" icon={icons.forward} disabled={!!run.unavailable} title={runTitle('Run a forward pass on a batch')} onClick={run.forward} />
        <ToolButton label="Backward" icon={icons.backward} disabled={!!run.unavailable} title={runTitle('Backpropagate the loss')} onClick={run.backward} />
        <ToolButton label="Step" icon={icons.step} disabled={!!run.unavailable} title={runTitle('Run the next layer: forward through the chain, then backward')} onClick={run.step} />
        <ToolButton
          label={run.training ? 'Pause' : 'Train'}
          icon={run.training ? icons.pause : icons.train}
          disabled={!!run.unavailable}
          title={runTitle(run.training ? 'Pause training' : 'Train until the target loss or the epoch limit')}
          onClick={run.toggleTraining}
        />
        <ToolButton label="Reset weights" icon={icons.reset} disabled={!!run.unavailable} title={runTitle('Draw the initial weights again from the seed')} onClick={run.resetWeights} />
      </div>

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

import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ModelDocument } from '../../model';
import { exampleDocument } from '../../model/testing/parse-helpers';
import { defaultTraining } from '../../model/schema';
import type { RunStore } from '../../editor/run/run-data';
import { connectedStores } from '../../editor/run/testing';
import { RunProvider } from '../../editor/run/use-run';
import type { EditorStore } from '../../editor/store/editor-store';
import { ScreenProvider } from '../../editor/screen/use-screen';
import { EditorProvider } from '../../editor/use-editor';
import { quietCanvas } from '../../viz/test-utils';
import { SidePanel } from '../SidePanel';

const spiral = (edit?: (d: ModelDocument) => void): ModelDocument => exampleDocument('spiral.json', edit);

const disposers: (() => void)[] = [];
let restoreCanvas: () => void;
beforeEach(() => {
  restoreCanvas = quietCanvas();
});
afterEach(() => {
  restoreCanvas();
  cleanup();
  disposers.splice(0).forEach((d) => d());
});

function setup(doc = spiral()): { editor: EditorStore; run: RunStore } {
  const { editor, screen, run, dispose } = connectedStores(doc);
  disposers.push(dispose);
  render(
    <EditorProvider store={editor}>
      <ScreenProvider store={screen}>
      <RunProvider store={run}>
        <ReactFlowProvider>
          <SidePanel />
        </ReactFlowProvider>
      </RunProvider>
      </ScreenProvider>
    </EditorProvider>,
  );
  return { editor, run };
}

async function openTraining() {
  const user = userEvent.setup();
  await user.click(screen.getByRole('tab', { name: 'Training' }));
  return { user, panel: screen.getByRole('tabpanel', { name: 'Training' }) };
}

describe('side panel', () => {
  it('shows the Inspector first, Training on its tab, and the Inspector again when a node is selected', async () => {
    const { editor } = setup();
    expect(screen.getByRole('complementary', { name: 'Inspector' })).toBeInTheDocument();
    await openTraining();
    expect(screen.getByRole('tab', { name: 'Training' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('complementary', { name: 'Inspector' })).toBeNull();
    act(() => editor.getState().select({ nodes: [], edges: [] }));
    expect(screen.getByRole('tab', { name: 'Training' })).toHaveAttribute('aria-selected', 'true');
    act(() => editor.getState().select({ nodes: ['fc2'], edges: [] }));
    expect(screen.getByRole('heading', { name: 'Linear' })).toBeInTheDocument();
  });
});

describe('side panel keyboard', () => {
  it('moves between the tabs with the arrow keys, Home and End', async () => {
    setup();
    const user = userEvent.setup();
    const inspector = screen.getByRole('tab', { name: 'Inspector' });
    inspector.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Training' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Training' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Home}');
    expect(inspector).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Lesson' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{End}{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Training' })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('training panel settings', () => {
  it('shows an invalid value’s error beside its field and never commits it; a valid value is one undo step', async () => {
    const { editor } = setup();
    const { user, panel } = await openTraining();
    const epochs = within(panel).getByLabelText('Epochs');
    expect(epochs).toHaveValue('300');
    await user.clear(epochs);
    await user.type(epochs, '0{Enter}');
    expect(epochs).toHaveAttribute('aria-invalid', 'true');
    expect(epochs).toHaveAccessibleDescription('Epochs must be a whole number from 1 to 1,000,000, got 0');
    await user.tab();
    expect(editor.getState().doc.training?.epochs).toBe(300);
    expect(editor.getState().history.past).toHaveLength(0);

    await user.clear(epochs);
    await user.type(epochs, '12{Enter}');
    expect(epochs).not.toHaveAttribute('aria-invalid');
    expect(editor.getState().doc.training?.epochs).toBe(12);
    expect(editor.getState().history.past).toHaveLength(1);

    const split = within(panel).getByLabelText('Test split (%)');
    expect(split).toHaveValue('20');
    await user.clear(split);
    await user.type(split, '35{Enter}');
    expect(editor.getState().doc.training?.dataset.test_fraction).toBe(0.35);

    const seed = within(panel).getByLabelText('Seed');
    await user.clear(seed);
    await user.type(seed, '7{Enter}');
    expect(editor.getState().doc.seed).toBe(7);
    expect(editor.getState().history.past).toHaveLength(3);
    act(() => editor.getState().undo());
    expect(within(panel).getByLabelText('Seed')).toHaveValue('42');
  });

  it('shows the fields of the chosen optimizer, the rarely changed ones under Advanced', async () => {
    const { editor } = setup();
    const { user, panel } = await openTraining();
    expect(within(panel).queryByLabelText('Momentum')).toBeNull();
    const advanced = within(panel).getByRole('button', { name: 'Advanced' });
    expect(advanced).toHaveAttribute('aria-expanded', 'false');
    expect(within(panel).getByLabelText('β₁')).not.toBeVisible();
    await user.click(advanced);
    expect(within(panel).getByLabelText('β₁')).toBeVisible();
    expect(within(panel).getByLabelText('ε')).toHaveValue('1e-8');

    await user.selectOptions(within(panel).getByLabelText('Optimizer'), 'momentum');
    expect(editor.getState().doc.training?.optimizer.kind).toBe('momentum');
    expect(within(panel).getByLabelText('Momentum')).toHaveValue('0.9');
    expect(within(panel).queryByRole('button', { name: 'Advanced' })).toBeNull();
    await user.selectOptions(within(panel).getByLabelText('Optimizer'), 'rmsprop');
    await user.click(within(panel).getByRole('button', { name: 'Advanced' }));
    expect(within(panel).getByLabelText('Decay ρ')).toHaveValue('0.99');
    expect(editor.getState().history.past).toHaveLength(2);
  });

  it('switches datasets as one undo step each, with the fields that apply; a built-in dataset makes the Input 2-D', async () => {
    const { editor } = setup(spiral((d) => (d.nodes[0].params = { features: 5 })));
    const { user, panel } = await openTraining();
    expect(within(panel).getByLabelText('Classes')).toHaveValue('3');
    await user.selectOptions(within(panel).getByLabelText('Dataset'), 'circles');
    expect(editor.getState().doc.training?.dataset.kind).toBe('circles');
    expect(within(panel).queryByLabelText('Classes')).toBeNull();
    expect(within(panel).getByLabelText('Noise')).toHaveValue('0.15');
    expect(editor.getState().doc.nodes.find((n) => n.id === 'input')!.params).toEqual({ features: 2 });
    await user.selectOptions(within(panel).getByLabelText('Dataset'), 'random');
    expect(within(panel).queryByLabelText('Noise')).toBeNull();
    expect(within(panel).getByLabelText('Samples')).toHaveValue('450');
    expect(editor.getState().history.past).toHaveLength(2);
  });

  it('lists a bad CSV file’s problems in a dialog and changes nothing; a good one becomes the data with the Input following', async () => {
    const { editor } = setup();
    const { user, panel } = await openTraining();
    const before = editor.getState().doc;
    const input = within(panel).getByTestId('csv-input') as HTMLInputElement;
    await user.upload(input, new File(['a,b,label\n1,2,0\n3,x,1\n'], 'bad.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'This CSV file cannot be used' });
    expect(within(dialog).getAllByRole('row').map((r) => r.textContent)).toEqual(['LineColumnProblem', '3b"x" is not a number.']);
    expect(editor.getState().doc).toBe(before);
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));

    await user.upload(input, new File(['p,q,r,label\n1,2,3,0\n3,4,5,1\n5,6,7,2\n7,8,9,0\n'], 'good.csv', { type: 'text/csv' }));
    await waitFor(() => expect(editor.getState().doc.training?.dataset.kind).toBe('csv'));
    expect(editor.getState().doc.training?.dataset.csv?.name).toBe('good.csv');
    expect(editor.getState().doc.nodes.find((n) => n.id === 'input')!.params).toEqual({ features: 3 });
    expect(editor.getState().doc.nodes.find((n) => n.id === 'fc1')!.params).toEqual({ in_features: 3, out_features: 32 });
    expect(editor.getState().history.past).toHaveLength(1);
    expect(within(panel).getByLabelText('Label column')).toHaveValue('label');
    expect(within(panel).queryByLabelText('Samples')).toBeNull();
  });
});

describe('a model without training settings', () => {
  it('says so, shows the defaults, and stores them in one step on request', async () => {
    const { editor } = setup(spiral((d) => delete d.training));
    const { user, panel } = await openTraining();
    expect(within(panel).getByText(/This model has no training settings yet/)).toBeInTheDocument();
    expect(within(panel).getByLabelText('Epochs')).toHaveValue('500');
    await user.click(within(panel).getByRole('button', { name: 'Use the default settings' }));
    expect(editor.getState().doc.training).toEqual(defaultTraining());
    expect(editor.getState().history.past).toHaveLength(1);
    expect(within(panel).queryByText(/This model has no training settings yet/)).toBeNull();
  });
});

describe('training panel status', () => {
  it('shows the run as it trains and how it ended, with the latest figures as attributes', async () => {
    const { run } = setup(spiral((d) => (d.training!.epochs = 2)));
    const { user, panel } = await openTraining();
    await waitFor(() => expect(within(panel).getByTestId('dataset-info')).toHaveTextContent('450 samples: 360 training, 90 test · 2 features · 3 classes'));
    const status = within(panel).getByTestId('training-status');
    expect(status).toHaveAttribute('data-state', 'idle');
    expect(within(panel).getByRole('button', { name: 'Stop' })).toHaveAttribute('aria-disabled', 'true');
    await user.click(within(status).getByRole('button', { name: 'Train' }));
    await waitFor(() => expect(status).toHaveAttribute('data-state', 'finished'), { timeout: 20_000 });
    expect(status).toHaveAttribute('data-step', '24');
    expect(status).toHaveAttribute('data-points', '3');
    const last = run.getState().training.curves.points.at(-1)!;
    expect(status).toHaveAttribute('data-test-accuracy', String(last.testAccuracy));
    expect(within(status).getByTestId('train-loss')).toHaveTextContent(/^\d\.\d\d/);
    expect(within(panel).getByTestId('training-end')).toHaveTextContent('Finished 2 epochs (24 steps).');
    expect(within(panel).getByTestId('decision-boundary')).toHaveAttribute('data-boundary-step', '24');
  });
});

import { ReactFlowProvider } from '@xyflow/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMlpGraph } from '../model/build-mlp';
import { nodeKind, NODE_TYPES } from '../model';
import { CURRENT_VERSION, FORMAT } from '../model/schema';
import { createEditorStore, type EditorStore } from '../editor/store/editor-store';
import { createScreenStore } from '../editor/screen/screen-store';
import { ScreenProvider } from '../editor/screen/use-screen';
import { EditorProvider } from '../editor/use-editor';
import { Inspector } from './Inspector';
import { MlpDialog } from './MlpDialog';
import { Palette } from './Palette';

afterEach(cleanup);

function mlpStore(): EditorStore {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [4], activation: 'lrelu' });
  return createEditorStore({ format: FORMAT, version: CURRENT_VERSION, name: 'm', seed: 5, nodes, edges });
}

function renderWith(store: EditorStore, ui: ReactNode) {
  return render(
    <EditorProvider store={store}>
      <ScreenProvider store={createScreenStore()}>
        <ReactFlowProvider>{ui}</ReactFlowProvider>
      </ScreenProvider>
    </EditorProvider>,
  );
}

describe('Palette', () => {
  it('has one button per node type named exactly by its display name, with its description', () => {
    renderWith(createEditorStore(), <Palette />);
    const nav = screen.getByRole('navigation', { name: 'Node palette' });
    const names = within(nav)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual(['Input', 'Linear', 'Dropout', 'Custom', 'ReLU', 'LeakyReLU', 'Sigmoid', 'TanH', 'Cross-entropy loss', 'MSE loss']);
    for (const t of NODE_TYPES) {
      const b = within(nav).getByRole('button', { name: nodeKind(t).displayName });
      expect(b).toHaveAccessibleDescription(nodeKind(t).description);
      expect(b).toHaveAttribute('draggable', 'true');
    }
  });

  it('adds a node on click and on Enter, chaining after the selection', async () => {
    const store = createEditorStore();
    renderWith(store, <Palette />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Input' }));
    screen.getByRole('button', { name: 'Linear' }).focus();
    await user.keyboard('{Enter}');
    const { doc } = store.getState();
    expect(doc.nodes.map((n) => n.type)).toEqual(['Input', 'Linear']);
    expect(doc.edges).toEqual([{ id: 'e1', source: 'input1', target: 'fc1' }]);
    expect(store.getState().history.past).toHaveLength(2);
  });
});

describe('Inspector', () => {
  it('shows the model with nothing selected and commits a rename as one step', async () => {
    const store = mlpStore();
    renderWith(store, <Inspector />);
    const user = userEvent.setup();
    expect(screen.getByRole('heading', { name: 'Model' })).toBeInTheDocument();
    // Linear(2 → 4) and Linear(4 → 3): 2·4 + 4 + 4·3 + 3.
    expect(screen.getByText('27 params')).toBeInTheDocument();
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Renamed{Enter}');
    expect(store.getState().doc.name).toBe('Renamed');
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('validates a parameter beside its field and commits only a valid value, once', async () => {
    const store = mlpStore();
    store.getState().select({ nodes: ['lrelu1'], edges: [] });
    renderWith(store, <Inspector />);
    const user = userEvent.setup();
    expect(screen.getByRole('heading', { name: 'LeakyReLU' })).toBeInTheDocument();
    const alpha = screen.getByLabelText('Alpha');
    expect(alpha).toHaveValue('0.01');
    await user.clear(alpha);
    await user.type(alpha, '1.5');
    expect(alpha).toHaveAttribute('aria-invalid', 'true');
    expect(alpha).toHaveAccessibleDescription(/Alpha must be ≥ 0 and < 1, got 1.5/);
    await user.keyboard('{Enter}');
    await user.tab();
    expect(store.getState().doc.nodes.find((n) => n.id === 'lrelu1')!.params).toEqual({ alpha: 0.01 });
    expect(store.getState().history.past).toHaveLength(0);

    await user.clear(alpha);
    await user.type(alpha, 'abc');
    expect(alpha).toHaveAccessibleDescription(/Alpha must be a number, got “abc”/);
    await user.keyboard('{Escape}');
    expect(alpha).toHaveValue('0.01');
    expect(alpha).not.toHaveAttribute('aria-invalid');

    await user.clear(alpha);
    await user.type(alpha, '0.2{Enter}');
    expect(store.getState().doc.nodes.find((n) => n.id === 'lrelu1')!.params).toEqual({ alpha: 0.2 });
    expect(store.getState().history.past).toHaveLength(1);
    await user.tab();
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('lets in_features be cleared to be inferred, showing the inferred size', async () => {
    const store = mlpStore();
    store.getState().select({ nodes: ['fc2'], edges: [] });
    renderWith(store, <Inspector />);
    const user = userEvent.setup();
    const inF = screen.getByLabelText('In features');
    await user.clear(inF);
    await user.tab();
    expect(store.getState().doc.nodes.find((n) => n.id === 'fc2')!.params).toEqual({ out_features: 3 });
    expect(inF).toHaveAttribute('placeholder', '4 (inferred)');
    const out = screen.getByLabelText('Out features');
    await user.clear(out);
    await user.tab();
    expect(out).toHaveAccessibleDescription(/Out features is required/);
    expect(store.getState().doc.nodes.find((n) => n.id === 'fc2')!.params).toEqual({ out_features: 3 });
  });

  it('shows the problems pinned to the selected node and follows undo', async () => {
    const store = mlpStore();
    store.getState().setParam('fc1', 'out_features', 6);
    store.getState().select({ nodes: ['fc2'], edges: [] });
    renderWith(store, <Inspector />);
    const problems = screen.getByRole('region', { name: 'Problems with this node' });
    expect(problems).toHaveTextContent("Linear 'fc2' expects 4 input features (in_features) but receives 6");
    const user = userEvent.setup();
    store.getState().undo();
    await user.tab();
    expect(screen.getByRole('region', { name: 'Problems with this node' })).toHaveTextContent('None.');
  });
});

describe('MLP dialog', () => {
  it('builds the chain it describes, replacing the graph', async () => {
    const store = mlpStore();
    let closed = false;
    renderWith(store, <MlpDialog onClose={() => (closed = true)} />);
    const user = userEvent.setup();
    const dialog = screen.getByRole('dialog', { name: 'Build MLP' });
    expect(within(dialog).getByLabelText('In features')).toHaveFocus();
    expect(within(dialog).getByLabelText('In features')).toHaveValue('2');
    await user.clear(within(dialog).getByLabelText('Hidden sizes'));
    await user.type(within(dialog).getByLabelText('Hidden sizes'), '8');
    await user.selectOptions(within(dialog).getByLabelText('Activation'), 'sigmoid');
    await user.click(within(dialog).getByRole('button', { name: 'Build' }));
    expect(closed).toBe(true);
    expect(store.getState().doc.nodes.map((n) => n.type)).toEqual(['Input', 'Linear', 'Sigmoid', 'Linear', 'CrossEntropyLoss']);
    expect(store.getState().analysis.plan?.totalParams).toBe(2 * 8 + 8 + 8 * 3 + 3);
  });

  it('closes on Escape without building', async () => {
    const store = mlpStore();
    let closed = false;
    renderWith(store, <MlpDialog onClose={() => (closed = true)} />);
    await userEvent.setup().keyboard('{Escape}');
    expect(closed).toBe(true);
    expect(store.getState().history.past).toHaveLength(0);
  });
});

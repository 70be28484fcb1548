import { ReactFlowProvider } from '@xyflow/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ModelDocument } from '../../model';
import { exampleDocument } from '../../model/testing/parse-helpers';
import { connectedStores } from '../../editor/run/testing';
import { RunProvider } from '../../editor/run/use-run';
import { ScreenProvider } from '../../editor/screen/use-screen';
import { EditorProvider } from '../../editor/use-editor';
import { quietCanvas } from '../../viz/test-utils';
import { BreakpointSettings } from './BreakpointSettings';

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

function setup(doc: ModelDocument) {
  const { editor, screen: screenStore, run, dispose } = connectedStores(doc);
  disposers.push(dispose);
  render(
    <EditorProvider store={editor}>
      <ScreenProvider store={screenStore}>
        <RunProvider store={run}>
          <ReactFlowProvider>
            <BreakpointSettings />
          </ReactFlowProvider>
        </RunProvider>
      </ScreenProvider>
    </EditorProvider>,
  );
  return editor;
}

describe('the Breakpoints section', () => {
  it('lists every condition with its defaults: divergence and non-finite values on', () => {
    setup(spiral());
    const section = screen.getByRole('region', { name: 'Breakpoints' });
    expect(within(section).getByRole('checkbox', { name: /Divergence/ })).toBeChecked();
    expect(within(section).getByRole('checkbox', { name: /Non-finite value/ })).toBeChecked();
    expect(within(section).getByRole('checkbox', { name: /Dead ReLUs/ })).not.toBeChecked();
    expect(within(section).getByLabelText('Dead share above (%)')).toHaveValue('50');
    expect(section).toHaveTextContent(/pauses again only after its condition has cleared/);
  });

  it('writes a toggle and a threshold into the document, each one undo step', async () => {
    const editor = setup(spiral());
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: /Dead ReLUs/ }));
    expect(editor.getState().doc.breakpoints).toEqual([{ condition: 'dead-units', on: true, threshold: 0.5 }]);
    const field = screen.getByLabelText('Dead share above (%)');
    await user.clear(field);
    await user.type(field, '80{Enter}');
    expect(editor.getState().doc.breakpoints).toEqual([{ condition: 'dead-units', on: true, threshold: 0.8 }]);
    await user.clear(field);
    await user.type(field, '180{Enter}');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(editor.getState().doc.breakpoints![0].threshold).toBe(0.8);
    editor.getState().undo();
    expect(editor.getState().doc.breakpoints).toEqual([{ condition: 'dead-units', on: true, threshold: 0.5 }]);
  });

  it('lists a layer’s own breakpoint under its condition, removable', async () => {
    const editor = setup(spiral((d) => (d.breakpoints = [{ condition: 'vanishing', on: true, node: 'fc2', epsilon: 1e-8 }])));
    const own = screen.getByTestId('breakpoint-vanishing-fc2');
    expect(within(own).getByLabelText('Norm below (ε), fc2')).toHaveValue('1e-8');
    await userEvent.setup().click(within(own).getByRole('button', { name: 'Remove the Vanishing gradient breakpoint of fc2' }));
    expect(editor.getState().doc.breakpoints).toEqual([]);
  });
});

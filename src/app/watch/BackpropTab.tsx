import { useCallback } from 'react';
import { useShallow } from '../../editor/use-shallow';
import type { NodeBackward, StepReport } from '../../runtime';
import type { RunState } from '../../editor/run/run-data';
import { useRun } from '../../editor/run/use-run';
import { activeStep } from '../../editor/run/views';
import { useScreen } from '../../editor/screen/use-screen';
import { useEditor, useEditorStore } from '../../editor/use-editor';
import { Histogram, TensorHeatmap, VjpPanel, formatShape } from '../../viz';
import { JvpTwin } from './JvpTwin';

/** Heatmap side that fits the panel's height with room for titles and legends. */
function heatmapSide(panelHeight: number): number {
  return Math.max(80, Math.min(240, panelHeight - 135));
}

/** The node whose backward step is on show, or the selected layer after a whole backward pass. */
function selectFocus(s: RunState, selected: string | null): { step: StepReport | null; nodeId: string | null; backward: NodeBackward | null } {
  const a = activeStep(s);
  if (a) return { step: a, nodeId: a.nodeId, backward: a.phase === 'backward' ? (a.backward ?? null) : null };
  if (s.backward && selected && s.backward.nodes[selected]) return { step: null, nodeId: selected, backward: s.backward.nodes[selected] };
  return { step: null, nodeId: null, backward: null };
}

/**
 * The bottom panel's Backprop tab: for the node the backward step is at (or the layer
 * selected after a whole Backward), g = ∂L/∂out, the local Jacobian J and gᵀJ = ∂L/∂in side
 * by side on one shared scale, with the parameter gradients, and forward mode's J·v beside
 * it (JvpTwin); during the forward phase, the activation the step produced.
 */
export function BackpropTab() {
  const editor = useEditorStore();
  const selected = useEditor((s) => (s.selection.nodes.length === 1 && s.selection.edges.length === 0 ? s.selection.nodes[0] : null));
  const focus = useRun(useShallow(useCallback((s: RunState) => selectFocus(s, selected), [selected])));
  const jacobian = useRun(useCallback((s: RunState) => (focus.nodeId ? (s.jacobians[focus.nodeId] ?? null) : null), [focus.nodeId]));
  const layers = useRun((s) => (s.backward ? s.load?.plan?.layers : undefined));
  const title = useRun(useCallback((s: RunState) => s.load?.plan?.layers.find((l) => l.nodeId === focus.nodeId)?.title ?? focus.nodeId, [focus.nodeId]));
  const panelHeight = useScreen((s) => s.panelHeight);
  const side = heatmapSide(panelHeight);

  if (focus.step?.phase === 'forward' && focus.step.output) {
    const out = focus.step.output;
    return (
      <div className="bp-watch-tab" data-testid="backprop-forward">
        <p className="bp-watch-lead">
          <b>{focus.step.label}</b> — its output {formatShape(out.shape)} goes on to the next layer.
        </p>
        <div className="bp-watch-row">
          <TensorHeatmap tensor={out} title={`Output of ${focus.nodeId}`} rowName="sample" colName="unit" maxWidth={side * 1.6} maxHeight={side} />
          <Histogram summary={out} width={260} height={Math.min(120, side)} label={`Output of ${focus.nodeId}`} />
        </div>
      </div>
    );
  }
  if (focus.backward && focus.nodeId) {
    return (
      <div className="bp-watch-tab">
        <div data-testid="vjp-panel">
          <p className="bp-watch-lead">
            <b>{focus.step ? focus.step.label : `${title} after a whole backward pass`}</b> — the gradient g arriving from above, times the local Jacobian J, is the gradient sent
            down.
          </p>
          <VjpPanel backward={focus.backward} jacobian={jacobian} maxSide={side} />
        </div>
        <JvpTwin nodeId={focus.nodeId} backward={focus.backward} maxSide={side} />
      </div>
    );
  }
  if (focus.step?.phase === 'forward') {
    return <p className="bp-empty">{focus.step.label}: the loss is a single number; step on to send the gradient back.</p>;
  }
  if (layers) {
    return (
      <div className="bp-watch-tab">
        <p className="bp-watch-lead">Pick a layer to see its backward step as a vector–Jacobian product:</p>
        <div className="bp-chip-row">
          {layers.map((l) => (
            <button key={l.nodeId} type="button" className="bp-chip" onClick={() => editor.getState().select({ nodes: [l.nodeId], edges: [] })}>
              <code>{l.nodeId}</code> {l.title}
            </button>
          ))}
        </div>
      </div>
    );
  }
  return (
    <p className="bp-empty">
      Press <b>Step</b> to run the network one layer at a time — forward, then backward — or <b>Backward</b> for a whole pass, then select a layer. Each backward step appears here as g · J = gᵀJ.
    </p>
  );
}

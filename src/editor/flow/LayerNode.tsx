import { useHighlighted } from '../lesson/use-lesson';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { useNodeDataDiagnostics } from '../data-diagnostics';
import { useShallow } from '../use-shallow';
import { isLossKind, nodeKind } from '../../model';
import { formatParamCount, nodeSummary } from '../format';
import { useRun } from '../run/use-run';
import { activePhase, pausedAt } from '../run/views';
import { useEditor } from '../use-editor';
import type { LayerFlowNode } from './derive';
import { NodeRunStats } from './NodeRunStats';
import { selectNodeView, worstSeverity } from './node-view';

/**
 * A layer on the canvas: its kind and key parameters, the shape it outputs, its
 * parameter count and any problem pinned to it; once the engine ran, its output's
 * statistics, the gradient flowing into it and its gradient check (NodeRunStats). The node
 * a step is at glows in the step's colour.
 */
function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const node = data.node;
  const spec = nodeKind(node.type);
  const graphView = useEditor(useShallow(useCallback((s) => selectNodeView(s, id), [id])));
  // Where the data does not fit (the Input's features, the loss's classes), pinned like the graph's problems.
  const dataProblems = useNodeDataDiagnostics(id);
  const view = dataProblems.length
    ? { ...graphView, severity: graphView.severity === 'error' ? 'error' : worstSeverity(dataProblems), messages: [graphView.messages, ...dataProblems.map((d) => d.message)].filter(Boolean).join('\n') }
    : graphView;
  const summary = nodeSummary(node, view.inferredIn ?? undefined);
  const phase = useRun(useCallback((s) => activePhase(s, id), [id]));
  const lessonMark = useHighlighted('nodes', id);
  const breakpoint = useRun(useCallback((s) => pausedAt(s, 'node', id), [id]));
  const firstMessage = view.messages.split('\n')[0];
  return (
    <div
      className={`bp-node bp-node--${spec.category}${view.severity ? ` bp-node--${view.severity}` : ''}${selected ? ' bp-node--selected' : ''}${phase ? ` bp-node--step bp-node--step-${phase}` : ''}${lessonMark ? ' bp-node--lesson' : ''}${breakpoint ? ' bp-node--breakpoint' : ''}`}
      data-node-type={node.type}
      data-testid={`node-${id}`}
      data-step={phase ?? undefined}
      data-lesson-highlight={lessonMark ? 'true' : undefined}
      data-breakpoint={breakpoint ?? undefined}
    >
      {breakpoint && (
        <span className="bp-node__breakpoint" role="img" aria-label={`Training paused here: ${breakpoint}`} title={`Training paused here: ${breakpoint}`}>
          ❚❚
        </span>
      )}
      {node.type !== 'Input' ? <Handle type="target" position={Position.Left} aria-label={`Input of ${summary}`} /> : <AnchorOnly type="target" />}
      {node.label && <div className="bp-node__label">{node.label}</div>}
      <div className="bp-node__head">
        <span className="bp-node__summary">{summary}</span>
        {view.severity && (
          <span className={`bp-node__badge bp-node__badge--${view.severity}`} title={view.messages} role="img" aria-label={view.severity === 'error' ? 'Error' : 'Warning'}>
            {view.severity === 'error' ? '!' : '?'}
          </span>
        )}
      </div>
      <div className="bp-node__meta">
        {view.shape && <span className="bp-node__shape">{view.shape}</span>}
        {view.params !== null && view.params > 0 && <span className="bp-node__params">{formatParamCount(view.params)}</span>}
      </div>
      {!view.severity && <NodeRunStats id={id} type={node.type} />}
      {firstMessage && (
        <div className={`bp-node__message bp-node__message--${view.severity}`} title={view.messages}>
          {firstMessage}
        </div>
      )}
      {!isLossKind(spec) ? <Handle type="source" position={Position.Right} aria-label={`Output of ${summary}`} /> : <AnchorOnly type="source" />}
    </div>
  );
}

/**
 * Where an Input's input or a loss's output would be: nothing connects there, but an
 * imported document may still hold such an edge, and React Flow draws an edge only between
 * handles. Kept invisible and unconnectable, so the edge is drawn (with its problem pinned
 * to it) and can be selected and deleted.
 */
function AnchorOnly({ type }: { type: 'source' | 'target' }) {
  return <Handle type={type} position={type === 'source' ? Position.Right : Position.Left} isConnectable={false} className="bp-handle--anchor" aria-hidden="true" />;
}

export const LayerNode = memo(LayerNodeView);

import { useHighlighted } from '../lesson/use-lesson';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo, useCallback, useDeferredValue } from 'react';
import { useShallow } from '../use-shallow';
import { flowPosition, flowStyle, JacobianThumbnail } from '../../viz';
import type { RunState } from '../run/run-data';
import { useRun } from '../run/use-run';
import { activeStep, edgeGradNorm, gradientFlowOnShow, pausedAt } from '../run/views';
import { useScreen } from '../screen/use-screen';
import { useEditor } from '../use-editor';
import type { ShapeFlowEdge } from './derive';
import { EdgePulse, FlowCallout } from './EdgePulse';
import { useFarZoom } from './far-zoom';
import { selectEdgeView } from './node-view';

/** Below this horizontal run an edge is a row-wrapping connector and goes round as steps, not as an S. */
const WRAP_MARGIN = 24;

interface EdgeRunView {
  grad: number | null;
  /** Where the norm sits in this pass's range (0 … 1), and whether the chain vanishes or explodes here. */
  t: number | null;
  health: 'vanishing' | 'exploding' | null;
  /** The step on show runs along this edge: its phase and its position (to restart the pulse). */
  phase: 'forward' | 'backward' | null;
  cursor: number;
}

function selectEdgeRun(s: RunState, id: string): EdgeRunView {
  const a = activeStep(s);
  const on = a && a.edgeId === id;
  const grad = edgeGradNorm(s, id);
  const flow = grad !== null ? gradientFlowOnShow(s) : null;
  return { grad, t: flow && grad !== null ? flowPosition(grad, flow.domain) : null, health: flow?.health[id] ?? null, phase: on ? a.phase : null, cursor: on ? s.stepCursor : -1 };
}

/**
 * A connection labelled with the tensor shape that crosses it; red or amber when a problem
 * is pinned to it. Once a backward pass reached it, its width and colour encode the
 * gradient's norm on a log scale; a step along it sends a pulse in the pass's direction;
 * the Jacobian of the layer it feeds sits beside it as a thumbnail.
 */
function ShapeEdgeView({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd }: EdgeProps<ShapeFlowEdge>) {
  const wraps = targetX < sourceX + WRAP_MARGIN;
  const [path, labelX, labelY] = wraps
    ? getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 14, offset: 22 })
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const view = useEditor(useShallow(useCallback((s) => selectEdgeView(s, id), [id])));
  // In the background, like the nodes' figures (see NodeRunStats).
  const run = useDeferredValue(useRun(useShallow(useCallback((s: RunState) => selectEdgeRun(s, id), [id]))));
  const jacobian = useRun(useCallback((s: RunState) => s.jacobians[target], [target]));
  const showJacobians = useScreen((s) => s.showJacobians);
  const lessonMark = useHighlighted('edges', id);
  const breakpoint = useRun(useCallback((s: RunState) => pausedAt(s, 'edge', id), [id]));
  const far = useFarZoom();
  const openJacobian = useScreen((s) => s.openJacobian);
  const grad = run.t !== null && !view.severity ? flowStyle(run.t) : null;
  const cls = `bp-edge${view.severity ? ` bp-edge--${view.severity}` : ''}${selected ? ' bp-edge--selected' : ''}${grad ? ' bp-edge--grad' : ''}${grad && run.health ? ` bp-edge--${run.health}` : ''}${lessonMark ? ' bp-edge--lesson' : ''}${breakpoint ? ' bp-edge--breakpoint' : ''}`;
  const style = grad ? { stroke: grad.color, strokeWidth: selected ? grad.width + 1 : grad.width } : undefined;
  // The gradient flowing back: dashes running from the target to the source, at a rate and weight that follow the norm (CSS animates them; see canvas.css).
  const flowStyleProps = grad ? ({ strokeWidth: Math.max(1, grad.width * 0.5), animationDuration: `${grad.period}s` } as const) : undefined;
  const thumb = showJacobians && jacobian && !view.severity && !far ? jacobian : null;
  return (
    <>
      {/* Under the edge, so a lesson's mark shows whatever colour the gradient gives the edge itself. */}
      {lessonMark && <path d={path} className="bp-edge-lesson-halo" fill="none" aria-hidden="true" data-testid={`edge-halo-${id}`} />}
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={cls}
        style={style}
        interactionWidth={18}
        data-grad-norm={run.grad ?? undefined}
        data-testid={`edge-path-${id}`}
      />
      {grad && <path d={path} className="bp-edge-backflow" fill="none" style={flowStyleProps} aria-hidden="true" />}
      {run.phase && <EdgePulse key={run.cursor} path={path} phase={run.phase} />}
      <EdgeLabelRenderer>
        {(view.shape || view.severity) && (
          <div
            className={`bp-edge-label nodrag nopan${view.severity ? ` bp-edge-label--${view.severity}` : ''}${selected ? ' bp-edge-label--selected' : ''}`}
            style={{ transform: `translate(-50%, -100%) translate(${labelX}px, ${labelY - 5}px)` }}
            title={view.messages || undefined}
            data-testid={`edge-label-${id}`}
          >
            {view.severity && <span aria-hidden="true">! </span>}
            {view.shape ?? 'not connected to the Input'}
          </div>
        )}
        {grad && run.health && (
          <div
            className={`bp-edge-health bp-edge-health--${run.health} nodrag nopan`}
            style={{ transform: `translate(-50%, 0) translate(${labelX}px, ${labelY - 2}px)` }}
            title={`The gradient's norm ${run.health === 'vanishing' ? 'shrinks' : 'grows'} steadily layer by layer on its way back: ‖∂L/∂x‖ = ${run.grad?.toExponential(2)} here`}
            data-testid={`edge-health-${id}`}
          >
            {run.health}
          </div>
        )}
        {run.phase && <FlowCallout key={run.cursor} edgeId={id} sourceId={source} targetId={target} phase={run.phase} x={labelX} y={labelY} wraps={wraps} />}
        {thumb && (
          <div className="bp-edge-jacobian nopan" style={{ transform: `translate(-50%, 0) translate(${labelX}px, ${labelY + 6}px)` }} data-testid={`edge-jacobian-${id}`}>
            <JacobianThumbnail jacobian={thumb} size={46} transparentZeros onClick={() => openJacobian(target)} />
          </div>
        )}
      </EdgeLabelRenderer>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../use-editor';
import type { ShapeFlowEdge } from './derive';
import { selectEdgeView } from './node-view';

/** A connection labelled with the tensor shape that crosses it; red or amber when a problem is pinned to it. */
function ShapeEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd }: EdgeProps<ShapeFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const view = useEditor(useShallow(useCallback((s) => selectEdgeView(s, id), [id])));
  const cls = `bp-edge${view.severity ? ` bp-edge--${view.severity}` : ''}${selected ? ' bp-edge--selected' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls} interactionWidth={18} />
      {(view.shape || view.severity) && (
        <EdgeLabelRenderer>
          <div
            className={`bp-edge-label nodrag nopan${view.severity ? ` bp-edge-label--${view.severity}` : ''}${selected ? ' bp-edge-label--selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={view.messages || undefined}
            data-testid={`edge-label-${id}`}
          >
            {view.severity && <span aria-hidden="true">! </span>}
            {view.shape ?? 'not connected to the Input'}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);

import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { XY } from '../store/types';

/** A function giving the centre of the visible canvas in flow coordinates. */
export function useViewCentre(): () => XY {
  const { screenToFlowPosition } = useReactFlow();
  const rf = useStoreApi();
  return useCallback(() => {
    const el = rf.getState().domNode;
    if (!el) return { x: 0, y: 0 };
    const r = el.getBoundingClientRect();
    return screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
  }, [rf, screenToFlowPosition]);
}

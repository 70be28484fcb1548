import type { Edge, Node } from '@xyflow/react';
import type { ModelEdge, ModelNode } from '../../model';
import type { Size } from '../store/types';

export type LayerNodeData = { node: ModelNode };
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;
export type ShapeFlowEdge = Edge<Record<string, never>, 'shape'>;

/**
 * Turns document nodes into React Flow nodes, keeping the same object for a node whose
 * document object, selection and measured size are unchanged, so React Flow re-renders
 * only the nodes that changed (dragging one node of hundreds re-renders one).
 */
export function createNodeDeriver(): (nodes: readonly ModelNode[], selected: ReadonlySet<string>, measured: Readonly<Record<string, Size>>) => LayerFlowNode[] {
  let cache = new Map<string, { src: ModelNode; selected: boolean; size: Size | undefined; rf: LayerFlowNode }>();
  return (nodes, selected, measured) => {
    const next = new Map<string, { src: ModelNode; selected: boolean; size: Size | undefined; rf: LayerFlowNode }>();
    const out = nodes.map((n) => {
      const isSelected = selected.has(n.id);
      const size = measured[n.id];
      const hit = cache.get(n.id);
      if (hit && hit.src === n && hit.selected === isSelected && hit.size === size) {
        next.set(n.id, hit);
        return hit.rf;
      }
      const rf: LayerFlowNode = {
        id: n.id,
        type: 'layer',
        position: n.position,
        // The same data while the document node is the same: a node that was only selected or
        // measured again keeps its props, and its view does not render again.
        data: hit && hit.src === n ? hit.rf.data : { node: n },
        selected: isSelected,
        ...(size ? { measured: { width: size.width, height: size.height } } : {}),
      };
      next.set(n.id, { src: n, selected: isSelected, size, rf });
      return rf;
    });
    cache = next;
    return out;
  };
}

/** The same for edges: an unchanged document edge with unchanged selection keeps its object. */
export function createEdgeDeriver(): (edges: readonly ModelEdge[], selected: ReadonlySet<string>) => ShapeFlowEdge[] {
  let cache = new Map<string, { src: ModelEdge; selected: boolean; rf: ShapeFlowEdge }>();
  return (edges, selected) => {
    const next = new Map<string, { src: ModelEdge; selected: boolean; rf: ShapeFlowEdge }>();
    const out = edges.map((e) => {
      const isSelected = selected.has(e.id);
      const hit = cache.get(e.id);
      if (hit && hit.src === e && hit.selected === isSelected) {
        next.set(e.id, hit);
        return hit.rf;
      }
      const rf: ShapeFlowEdge = { id: e.id, type: 'shape', source: e.source, target: e.target, selected: isSelected };
      next.set(e.id, { src: e, selected: isSelected, rf });
      return rf;
    });
    cache = next;
    return out;
  };
}

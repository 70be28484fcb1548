import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';

/** Declared once at module level: React Flow warns (and re-mounts) when these objects change. */
export const nodeTypes: NodeTypes = { layer: LayerNode };
export const edgeTypes: EdgeTypes = { shape: ShapeEdge };

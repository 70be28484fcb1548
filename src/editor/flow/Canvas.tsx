import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  useStore as useFlowStore,
  type ColorMode,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import './canvas.css';
import { isNodeType, nodeKind } from '../../model';
import { connectionProblem } from '../store/connection';
import { DEFAULT_NODE_SIZE } from '../store/placement';
import type { Size, XY } from '../store/types';
import { useRun, useRunStore } from '../run/use-run';
import { figureLevel } from '../run/views';
import { FarZoom, FIGURES_MIN_ZOOM } from './far-zoom';
import { useScreen, useScreenStore } from '../screen/use-screen';
import { useControl } from '../lesson/use-lesson';
import { useEditor, useEditorStore } from '../use-editor';
import { createEdgeDeriver, createNodeDeriver, type LayerFlowNode, type ShapeFlowEdge } from './derive';
import { createGestures } from './gestures';
import { nextDrag, NO_DRAG, splitMoves, withDragPositions, type DragPositions } from './drag-positions';
import { CanvasOverlay } from './CanvasOverlay';
import { DocumentTitle } from './DocumentTitle';
import { StepBar } from './StepBar';
import { NodeContextMenu, type NodeMenuRequest } from './NodeContextMenu';
import { edgeTypes, nodeTypes } from './flow-types';
import { hasNodeDrag, NODE_DRAG_MIME } from './palette-drag';

export interface CanvasProps {
  colorMode: ColorMode;
  /** A file dropped on the canvas (to import). */
  onFileDrop(file: File): void;
}

// Room at the top for the step bar and the gradient legend; at the bottom for the figures nodes gain
// after the first pass (about 100 px at zoom 1), so the graph usually still fits afterwards.
const FIT_VIEW = { padding: { top: '92px', bottom: '100px', x: '36px' }, maxZoom: 1.25, duration: 250 } as const;
/** How long the edges' backward flow runs after a pass lands. */
const FLOW_AFTER_PASS_MS = 4000;
/** The zoom buttons' strip along the bottom edge. */
const FIT_BOTTOM_MARGIN = 40;
// Props of React Flow's components are constants: a new object each render would re-render every
// edge and the minimap on every frame of a drag.
const MINIMAP_STYLE = { width: 168, height: 104 } as const;
const MINIMAP_COLOURS: Record<string, string> = {
  input: 'var(--cat-input)',
  layer: 'var(--cat-layer)',
  activation: 'var(--cat-activation)',
  regularization: 'var(--cat-regularization)',
  loss: 'var(--cat-loss)',
};

function minimapColour(n: LayerFlowNode): string {
  return MINIMAP_COLOURS[nodeKind(n.data.node.type).category];
}

/**
 * The React Flow canvas over the editor store: nodes and edges are derived from the
 * document, and every user gesture becomes a store action (a drag when it ends; see
 * drag-positions.ts), so undo, autosave and the analysis see it.
 */
export function Canvas({ colorMode, onFileDrop }: CanvasProps) {
  const store = useEditorStore();
  const docNodes = useEditor((s) => s.doc.nodes);
  const docEdges = useEditor((s) => s.doc.edges);
  const selection = useEditor((s) => s.selection);
  const measured = useEditor((s) => s.measured);
  // A newly opened document is fitted into view, and so is the graph whenever asked to.
  const lineage = useEditor((s) => s.lineage);
  const screen = useScreenStore();
  // A lesson may lock the graph: nothing moves, connects or lands on it (edits elsewhere are locked with their own controls).
  const graphLocked = useControl('graph') !== 'show';
  const settingsLocked = useControl('training_settings') !== 'show';
  const [nodeMenu, setNodeMenu] = useState<NodeMenuRequest | null>(null);
  const closeNodeMenu = useCallback(() => setNodeMenu(null), []);
  const onNodeContextMenu = useCallback(
    (e: React.MouseEvent, node: LayerFlowNode) => {
      if (settingsLocked) return;
      e.preventDefault();
      setNodeMenu({ nodeId: node.id, x: e.clientX, y: e.clientY });
    },
    [settingsLocked],
  );
  const fitViewToken = useScreen((s) => s.fitViewToken) + lineage;
  const focusRequest = useScreen((s) => s.focusRequest);
  const { screenToFlowPosition, fitView, setCenter, getInternalNode, getZoom, getNodes, getNodesBounds, getViewport } = useReactFlow<LayerFlowNode, ShapeFlowEdge>();
  const paneSize = useStoreApi();

  const deriveNodes = useMemo(createNodeDeriver, []);
  const deriveEdges = useMemo(createEdgeDeriver, []);
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const derivedNodes = useMemo(() => deriveNodes(docNodes, selectedNodes, measured), [deriveNodes, docNodes, selectedNodes, measured]);
  const edges = useMemo(() => deriveEdges(docEdges, selectedEdges), [deriveEdges, docEdges, selectedEdges]);
  // A drag stays on the canvas until it ends (see drag-positions.ts).
  const [drag, setDrag] = useState<DragPositions>(NO_DRAG);
  // The drag as of the latest change (the state above shows it with the next render).
  const dragNow = useRef<DragPositions>(NO_DRAG);
  const nodes = useMemo(() => withDragPositions(derivedNodes, drag), [derivedNodes, drag]);
  const updateDrag = useCallback((next: DragPositions) => {
    if (next === dragNow.current) return;
    dragNow.current = next;
    setDrag(next);
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<LayerFlowNode>[]) => {
      const s = store.getState();
      const sizes: Record<string, Size> = {};
      const selects: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) sizes[c.id] = c.dimensions;
        else if (c.type === 'select') selects.push({ id: c.id, selected: c.selected });
      }
      if (Object.keys(sizes).length) s.setMeasured(sizes);
      if (selects.length) s.setSelected('nodes', selects);
      const { dragging, settled } = splitMoves(changes);
      if (settled.size) s.moveNodes(settled);
      updateDrag(nextDrag(dragNow.current, dragging, settled));
    },
    [store, updateDrag],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ShapeFlowEdge>[]) => {
      const selects = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
      if (selects.length) store.getState().setSelected('edges', selects);
    },
    [store],
  );

  const isValidConnection: IsValidConnection<ShapeFlowEdge> = useCallback(
    (c) => connectionProblem(store.getState().doc, c.source, c.target) === null,
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const r = store.getState().connect(c.source, c.target);
      if (!r.ok) screen.getState().notify(r.reason, 'error');
    },
    [store, screen],
  );

  // React Flow does not call onConnect for a refused connection; say why here.
  const onConnectEnd: OnConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
      const s = store.getState();
      if (state.fromHandle.type === state.toHandle.type) {
        screen.getState().notify('Connect an output (the right-hand dot) to an input (the left-hand dot).', 'error');
        return;
      }
      const [source, target] = state.fromHandle.type === 'source' ? [state.fromHandle.nodeId, state.toHandle.nodeId] : [state.toHandle.nodeId, state.fromHandle.nodeId];
      const reason = connectionProblem(s.doc, source, target);
      if (reason) screen.getState().notify(reason, 'error');
    },
    [store, screen],
  );

  // A drag, and a pan or zoom by the user, are gestures: while one lasts, training yields two
  // thirds of its time to the page. Moves of the view by the program (fitting it, panning
  // along when a drag reaches the edge) are not, and do not end a drag's.
  const runStore = useRunStore();
  // The canvas's element learns of a gesture without a render: its class pauses the edges' flow.
  const wrapper = useRef<HTMLDivElement>(null);
  const gestures = useMemo(
    () =>
      createGestures((active) => {
        runStore.getState().gesture(active);
        wrapper.current?.classList.toggle('bp-canvas--gesture', active);
      }),
    [runStore],
  );
  const beginGesture = useCallback(() => gestures.set('drag', true), [gestures]);
  const endGesture = useCallback(() => {
    // A drag whose last change never came (it always does) still lands in the document.
    if (dragNow.current.size) {
      store.getState().moveNodes(dragNow.current);
      updateDrag(NO_DRAG);
    }
    gestures.set('drag', false);
  }, [store, gestures, updateDrag]);

  const onDragOver = useCallback((e: DragEvent) => {
    const types = e.dataTransfer.types;
    if (hasNodeDrag(types) || types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      if (graphLocked) {
        e.preventDefault();
        return;
      }
      const file = e.dataTransfer.files?.[0];
      if (file) {
        e.preventDefault();
        onFileDrop(file);
        return;
      }
      const type = e.dataTransfer.getData(NODE_DRAG_MIME);
      if (!isNodeType(type)) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      store.getState().addNode(type, { x: Math.round(at.x - DEFAULT_NODE_SIZE.width / 2), y: Math.round(at.y - DEFAULT_NODE_SIZE.height / 2) });
    },
    [onFileDrop, screenToFlowPosition, store, graphLocked],
  );

  // While the user has not panned or zoomed since the view was last fitted, the view keeps
  // fitting the graph when the canvas changes size or nodes grow by their first figures.
  const fitted = useRef(true);
  // onMove, not onMoveStart: a plain click on the pane starts a pan that never moves.
  const onMove = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) fitted.current = false;
  }, []);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) gestures.set('pan', true);
  }, [gestures]);
  const onMoveEnd = useCallback(() => gestures.set('pan', false), [gestures]);

  const lastFit = useRef(0);
  useEffect(() => {
    if (fitViewToken === lastFit.current) return;
    lastFit.current = fitViewToken;
    // With no nodes React Flow would hold the request until the first node appears, then jump.
    if (store.getState().doc.nodes.length > 0) {
      fitted.current = true;
      void fitView(FIT_VIEW);
    }
  }, [fitViewToken, fitView, store]);

  // Nodes grow by their figures during a pass, and the canvas shrinks when the panel under it
  // grows: then, once sizes settle, the view fits again if the graph no longer does.
  const showsFigures = useRun((s) => figureLevel(s) > 0);
  // Zoomed far out (a big graph), text is too small to read and costs every frame to draw.
  const far = useFlowStore((s) => s.transform[2] < FIGURES_MIN_ZOOM);
  const live = useRun((s) => s.training.state === 'running');
  // The gradient visibly flows back along the edges while training runs, and for a while after each pass.
  const passCount = useRun((s) => s.passCount);
  const [recentPass, setRecentPass] = useState(false);
  useEffect(() => {
    if (!passCount) return;
    setRecentPass(true);
    const t = setTimeout(() => setRecentPass(false), FLOW_AFTER_PASS_MS);
    return () => clearTimeout(t);
  }, [passCount]);
  const panelHeight = useScreen((s) => s.panelHeight);
  const lastPanelHeight = useRef(panelHeight);
  useEffect(() => {
    const resized = panelHeight !== lastPanelHeight.current;
    lastPanelHeight.current = panelHeight;
    if (!fitted.current || (!resized && !showsFigures)) return;
    const t = setTimeout(() => {
      // Not under a dragging pointer: the next change after the drag looks again.
      if (gestures.dragging) return;
      const b = getNodesBounds(getNodes());
      const { x, y, zoom } = getViewport();
      const { width, height } = paneSize.getState();
      const inside = x + b.x * zoom >= 0 && y + b.y * zoom >= 0 && x + (b.x + b.width) * zoom <= width && y + (b.y + b.height) * zoom <= height - FIT_BOTTOM_MARGIN;
      if (!inside) void fitView(FIT_VIEW);
    }, 150);
    return () => clearTimeout(t);
  }, [measured, showsFigures, panelHeight, fitView, getNodes, getNodesBounds, getViewport, paneSize]);

  const lastFocus = useRef(0);
  useEffect(() => {
    if (!focusRequest || focusRequest.token === lastFocus.current) return;
    lastFocus.current = focusRequest.token;
    const centre = (id: string): XY | null => {
      const n = getInternalNode(id);
      if (!n) return null;
      const w = n.measured.width ?? DEFAULT_NODE_SIZE.width;
      const h = n.measured.height ?? DEFAULT_NODE_SIZE.height;
      return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + h / 2 };
    };
    let at: XY | null = null;
    if (focusRequest.nodeId) at = centre(focusRequest.nodeId);
    else if (focusRequest.edgeId) {
      const e = store.getState().doc.edges.find((x) => x.id === focusRequest.edgeId);
      const a = e && centre(e.source);
      const b = e && centre(e.target);
      if (a && b) at = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
    if (at) void setCenter(at.x, at.y, { zoom: Math.max(getZoom(), 0.8), duration: 250 });
  }, [focusRequest, getInternalNode, getZoom, setCenter, store]);

  return (
    <div ref={wrapper} className={`bp-canvas${far ? ' bp-canvas--far' : ''}${live ? ' bp-canvas--live' : ''}${live || recentPass ? ' bp-canvas--flowing' : ''}`} onDragOver={onDragOver} onDrop={onDrop}>
      <FarZoom value={far}>
        <ReactFlow<LayerFlowNode, ShapeFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onNodeContextMenu={onNodeContextMenu}
          onNodeDragStart={beginGesture}
          onNodeDragStop={endGesture}
          onSelectionDragStart={beginGesture}
          onSelectionDragStop={endGesture}
          onMove={onMove}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          deleteKeyCode={null}
          nodesDraggable={!graphLocked}
          nodesConnectable={!graphLocked}
          colorMode={colorMode}
          minZoom={0.1}
          maxZoom={2.5}
          fitView
          fitViewOptions={FIT_VIEW}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
          <DocumentTitle />
          <StepBar />
          <CanvasOverlay />
          <Controls position="bottom-left" orientation="horizontal" showInteractive={false} />
          <MiniMap<LayerFlowNode>
            position="bottom-right"
            pannable
            zoomable
            nodeColor={minimapColour}
            nodeStrokeWidth={0}
            nodeBorderRadius={3}
            style={MINIMAP_STYLE}
            ariaLabel="Overview of the graph"
          />
        </ReactFlow>
      </FarZoom>
      {nodeMenu && <NodeContextMenu request={nodeMenu} onClose={closeNodeMenu} />}
    </div>
  );
}

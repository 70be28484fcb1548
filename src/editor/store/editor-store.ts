import { createStore, type StoreApi } from 'zustand/vanilla';
import { analyzeGraph, type Analysis, type Diagnostic } from '../../model/analyze';
import { buildMlpGraph, type MlpSpec } from '../../model/build-mlp';
import type { NodeType } from '../../model';
import { defaultTraining, type ModelDocument, type TrainingSettings } from '../../model/schema';
import { copyNodes, pasteNodes, PASTE_OFFSET, type ClipboardContent } from './clipboard';
import { connectionProblem } from './connection';
import * as edit from './doc-actions';
import { emptyDocument, joinDocument, splitDocument } from './document';
import { emptyHistory, record, redo, undo, type History } from './history';
import { setInputFeatures } from './input-features';
import { boundingBox, placeNewNode } from './placement';
import { EMPTY_SELECTION, type EditableDocument, type Selection, type Size, type StoredWeights, type XY } from './types';
import { reconcileWeights } from './weights';

/** One undo step: the document as it was, and which loaded document it descends from. */
export interface Snapshot {
  readonly doc: EditableDocument;
  /**
   * Bumped when a whole new document replaces the current one. Weights belong to one
   * lineage: undoing or redoing into another drops them rather than pair a graph with
   * another model's weights.
   */
  readonly lineage: number;
  /** The weights of that document, so undoing into another lineage brings its model back whole. */
  readonly weights?: StoredWeights;
}

/** Diagnostics indexed by the node and the edge they are pinned to, and what flows into each node. */
export interface Pins {
  readonly byNode: Readonly<Record<string, readonly Diagnostic[]>>;
  readonly byEdge: Readonly<Record<string, readonly Diagnostic[]>>;
  /** Features arriving at each node through its (first) incoming edge, where known. */
  readonly inFeatures: Readonly<Record<string, number>>;
}

export interface EditorData {
  /** The source of truth: the document without its weights. Undo/redo restores it. */
  doc: EditableDocument;
  lineage: number;
  /** Trained or loaded weights, saved with the document but outside the undo history. */
  weights: StoredWeights | undefined;
  /** analyzeGraph(doc), kept current on every structural change. */
  analysis: Analysis;
  pins: Pins;
  selection: Selection;
  history: History<Snapshot>;
  /** Node sizes as the canvas measured them (for placement; not saved). */
  measured: Readonly<Record<string, Size>>;
  clipboard: ClipboardContent | null;
  pasteCount: number;
  /** Changes whenever the document or the weights change; autosave follows it. */
  revision: number;
  /** The revision when the document was opened: later ones are work that opening another would replace. */
  openedRevision: number;
}

export type ConnectResult = { ok: true; edgeId: string } | { ok: false; reason: string };

/** The dialog's MLP form, as buildMlpGraph takes it. */
export type MlpRequest = Pick<MlpSpec, 'inFeatures' | 'numClasses' | 'hiddenFeatures' | 'activation' | 'dropout'>;

export interface EditorActions {
  /** Starts over with `doc` (startup, restore): history is cleared. */
  loadDocument(doc: ModelDocument): void;
  /** Replaces the document by another (import, example, share link) as one undo step. */
  replaceDocument(doc: ModelDocument): void;
  /** Replaces the document by an empty, untitled one with default training settings, as one undo step. */
  newDocument(): void;
  /** Adds a node; with `connectFrom`, also the edge from that node. Returns the new id. */
  addNode(type: NodeType, position: XY, opts?: { connectFrom?: string; select?: boolean }): string;
  /** Adds a node from the palette: after the selected node when it continues the chain, else near `viewCentre`. */
  addNodeFromPalette(type: NodeType, viewCentre: XY): string;
  connect(source: string, target: string): ConnectResult;
  deleteElements(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  deleteSelection(): void;
  setParam(nodeId: string, name: string, value: number | undefined): void;
  setLabel(nodeId: string, label: string | undefined): void;
  setName(name: string): void;
  setSeed(seed: number): void;
  setTraining(training: TrainingSettings): void;
  /**
   * Sets the training settings and, with `features`, makes the Input take that many
   * features (and a Linear right after it with an explicit in_features): one undo step,
   * so new data and the graph that fits it come and go together.
   */
  setTrainingData(training: TrainingSettings, features?: number): void;
  /** Moves nodes, as one undo step (the canvas holds a drag's positions until it ends). */
  moveNodes(positions: ReadonlyMap<string, XY>): void;
  setMeasured(sizes: Readonly<Record<string, Size>>): void;
  select(selection: Selection): void;
  /** Applies per-element selection flags (as the canvas reports them). */
  setSelected(kind: 'nodes' | 'edges', changes: readonly { id: string; selected: boolean }[]): void;
  selectAll(): void;
  copySelection(): boolean;
  paste(): string[];
  /** Lays out an MLP chain with its loss, replacing the graph or beside it. */
  buildMlp(spec: MlpRequest, mode: 'replace' | 'add'): void;
  undo(): void;
  redo(): void;
  /** Sets the weights (the runtime's job); not an undo step. */
  setWeights(weights: StoredWeights | undefined): void;
}

export type EditorState = EditorData & EditorActions;
export type EditorStore = StoreApi<EditorState>;

export function pinDiagnostics(analysis: Pick<Analysis, 'diagnostics' | 'edgeShapes'>, doc: Pick<EditableDocument, 'edges'>): Pins {
  // Null-prototype records: ids are user text and may be `toString` or `constructor`.
  const byNode: Record<string, Diagnostic[]> = Object.create(null);
  const byEdge: Record<string, Diagnostic[]> = Object.create(null);
  for (const d of analysis.diagnostics) {
    if (d.nodeId) (byNode[d.nodeId] ??= []).push(d);
    for (const edgeId of new Set([...(d.edgeId ? [d.edgeId] : []), ...(d.edgeIds ?? [])])) (byEdge[edgeId] ??= []).push(d);
  }
  const inFeatures: Record<string, number> = Object.create(null);
  for (const e of doc.edges) {
    const f = analysis.edgeShapes[e.id]?.[1];
    if (typeof f === 'number' && !(e.target in inFeatures)) inFeatures[e.target] = f;
  }
  return { byNode, byEdge, inFeatures };
}

function pruneSelection(sel: Selection, doc: EditableDocument): Selection {
  const nodes = sel.nodes.filter((id) => doc.nodes.some((n) => n.id === id));
  const edges = sel.edges.filter((id) => doc.edges.some((e) => e.id === id));
  return nodes.length === sel.nodes.length && edges.length === sel.edges.length ? sel : { nodes, edges };
}

/** The whole document as saved: the editable part with the weights. */
export function currentDocument(s: Pick<EditorData, 'doc' | 'weights'>): ModelDocument {
  return joinDocument(s.doc, s.weights);
}

export function createEditorStore(initial?: ModelDocument): EditorStore {
  const start = initial ? splitDocument(initial) : { doc: emptyDocument(), weights: undefined };
  const startAnalysis = analyzeGraph(start.doc);
  return createStore<EditorState>()((set, get) => {
    /**
     * Installs `next` as the document. `step` records the previous one as an undo step;
     * positions alone do not change the analysis.
     */
    const commit = (next: EditableDocument, opts: { step?: boolean; reanalyze?: boolean; lineage?: number; weights?: StoredWeights | undefined; selection?: Selection } = {}) => {
      const s = get();
      const lineage = opts.lineage ?? s.lineage;
      if (next === s.doc && lineage === s.lineage && !('weights' in opts) && !opts.selection) return;
      const step = opts.step ?? true;
      const history = step && next !== s.doc ? record(s.history, { doc: s.doc, lineage: s.lineage, weights: s.weights }) : s.history;
      const analysis = opts.reanalyze === false ? s.analysis : analyzeGraph(next);
      const baseWeights = 'weights' in opts ? opts.weights : s.weights;
      const weights = reconcileWeights(baseWeights, next, analysis);
      set({
        doc: next,
        lineage,
        history,
        analysis,
        pins: analysis === s.analysis ? s.pins : pinDiagnostics(analysis, next),
        weights,
        selection: pruneSelection(opts.selection ?? s.selection, next),
        revision: s.revision + 1,
      });
    };

    const travel = (dir: 'undo' | 'redo') => {
      const s = get();
      const moved = (dir === 'undo' ? undo : redo)(s.history, { doc: s.doc, lineage: s.lineage, weights: s.weights });
      if (!moved) return;
      const analysis = analyzeGraph(moved.value.doc);
      const weights = reconcileWeights(moved.value.lineage === s.lineage ? s.weights : moved.value.weights, moved.value.doc, analysis);
      set({
        doc: moved.value.doc,
        lineage: moved.value.lineage,
        history: moved.history,
        analysis,
        pins: pinDiagnostics(analysis, moved.value.doc),
        weights,
        selection: pruneSelection(s.selection, moved.value.doc),
        revision: s.revision + 1,
      });
    };

    return {
      doc: start.doc,
      lineage: 0,
      weights: start.weights,
      analysis: startAnalysis,
      pins: pinDiagnostics(startAnalysis, start.doc),
      selection: EMPTY_SELECTION,
      history: emptyHistory(),
      measured: {},
      clipboard: null,
      pasteCount: 0,
      revision: 0,
      openedRevision: 0,

      loadDocument(doc) {
        const { doc: d, weights } = splitDocument(doc);
        const analysis = analyzeGraph(d);
        const s = get();
        set({
          doc: d,
          lineage: s.lineage + 1,
          weights: reconcileWeights(weights, d, analysis),
          analysis,
          pins: pinDiagnostics(analysis, d),
          history: emptyHistory(),
          selection: EMPTY_SELECTION,
          pasteCount: 0,
          revision: s.revision + 1,
          openedRevision: s.revision + 1,
        });
      },

      replaceDocument(doc) {
        const { doc: d, weights } = splitDocument(doc);
        const s = get();
        commit(d, { lineage: s.lineage + 1, weights, selection: EMPTY_SELECTION });
        set({ pasteCount: 0, openedRevision: get().revision });
      },

      newDocument() {
        get().replaceDocument({ ...emptyDocument(), training: defaultTraining() });
      },

      addNode(type, position, opts = {}) {
        const s = get();
        const node = edit.makeNode(s.doc, type, position);
        const taken = edit.takenIds(s.doc);
        taken.add(node.id);
        let edges: ReturnType<typeof edit.makeEdge>[] = [];
        if (opts.connectFrom) {
          const withNode = { nodes: [...s.doc.nodes, node], edges: s.doc.edges };
          if (connectionProblem(withNode, opts.connectFrom, node.id) === null) edges = [edit.makeEdge(withNode, opts.connectFrom, node.id, taken)];
        }
        commit(edit.addNodes(s.doc, [node], edges), opts.select === false ? {} : { selection: { nodes: [node.id], edges: [] } });
        return node.id;
      },

      addNodeFromPalette(type, viewCentre) {
        const s = get();
        const { position, connectFrom } = placeNewNode(s.doc, type, s.selection.nodes, viewCentre, s.measured);
        return get().addNode(type, position, { connectFrom });
      },

      connect(source, target) {
        const s = get();
        const reason = connectionProblem(s.doc, source, target);
        if (reason) return { ok: false, reason };
        const edge = edit.makeEdge(s.doc, source, target);
        commit(edit.addEdge(s.doc, edge));
        return { ok: true, edgeId: edge.id };
      },

      deleteElements(nodeIds, edgeIds) {
        commit(edit.removeElements(get().doc, nodeIds, edgeIds));
      },

      deleteSelection() {
        const { selection } = get();
        get().deleteElements(selection.nodes, selection.edges);
      },

      setParam(nodeId, name, value) {
        commit(edit.setParam(get().doc, nodeId, name, value));
      },

      setLabel(nodeId, label) {
        commit(edit.setLabel(get().doc, nodeId, label));
      },

      setName(name) {
        commit(edit.setName(get().doc, name), { reanalyze: false });
      },

      setSeed(seed) {
        commit(edit.setSeed(get().doc, seed), { reanalyze: false });
      },

      setTraining(training) {
        const doc = get().doc;
        if (doc.training === training) return;
        commit({ ...doc, training }, { reanalyze: false });
      },

      setTrainingData(training, features) {
        const doc = get().doc;
        const graph = features === undefined ? doc : setInputFeatures(doc, features);
        const next = graph.training === training ? graph : { ...graph, training };
        if (next === doc) return;
        commit(next, { reanalyze: graph !== doc });
      },

      moveNodes(positions) {
        commit(edit.setPositions(get().doc, positions), { reanalyze: false });
      },

      setMeasured(sizes) {
        const cur = get().measured;
        let changed = false;
        for (const [id, sz] of Object.entries(sizes)) {
          const old = cur[id];
          if (!old || old.width !== sz.width || old.height !== sz.height) changed = true;
        }
        if (changed) set({ measured: { ...cur, ...sizes } });
      },

      select(selection) {
        set({ selection: pruneSelection(selection, get().doc) });
      },

      setSelected(kind, changes) {
        const sel = get().selection;
        const ids = new Set(sel[kind]);
        for (const c of changes) {
          if (c.selected) ids.add(c.id);
          else ids.delete(c.id);
        }
        if (ids.size === sel[kind].length && sel[kind].every((id) => ids.has(id))) return;
        set({ selection: { ...sel, [kind]: [...ids] } });
      },

      selectAll() {
        const { doc } = get();
        set({ selection: { nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map((e) => e.id) } });
      },

      copySelection() {
        const s = get();
        const clip = copyNodes(s.doc, s.selection.nodes);
        if (!clip) return false;
        set({ clipboard: clip, pasteCount: 0 });
        return true;
      },

      paste() {
        const s = get();
        if (!s.clipboard) return [];
        const k = s.pasteCount + 1;
        const { nodes, edges } = pasteNodes(s.doc, s.clipboard, { x: PASTE_OFFSET.x * k, y: PASTE_OFFSET.y * k });
        commit(edit.addNodes(s.doc, nodes, edges), { selection: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) } });
        set({ pasteCount: k });
        return nodes.map((n) => n.id);
      },

      buildMlp(spec, mode) {
        const s = get();
        if (mode === 'replace') {
          const { nodes, edges } = buildMlpGraph({ ...spec, withLoss: true });
          commit({ ...s.doc, nodes, edges }, { lineage: s.lineage + 1, weights: undefined, selection: EMPTY_SELECTION });
        } else {
          const taken = edit.takenIds(s.doc);
          let k = 1;
          const probe = (prefix: string) => buildMlpGraph({ ...spec, idPrefix: prefix });
          while (probe(`mlp${k}_`).nodes.some((n) => taken.has(n.id)) || probe(`mlp${k}_`).edges.some((e) => taken.has(e.id))) k++;
          const box = boundingBox(s.doc.nodes, s.measured);
          const origin = box ? { x: box.x, y: box.y + box.height + 120 } : { x: 0, y: 0 };
          const { nodes, edges } = buildMlpGraph({ ...spec, withLoss: true, idPrefix: `mlp${k}_`, origin });
          commit(edit.addNodes(s.doc, nodes, edges), { selection: { nodes: nodes.map((n) => n.id), edges: [] } });
        }
      },

      undo() {
        travel('undo');
      },

      redo() {
        travel('redo');
      },

      setWeights(weights) {
        const s = get();
        if (weights === s.weights) return;
        set({ weights: reconcileWeights(weights, s.doc, s.analysis), revision: s.revision + 1 });
      },
    };
  });
}

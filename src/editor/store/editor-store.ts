import { createStore } from 'zustand/vanilla';
import { analyzeGraph, buildMlpGraph, defaultTraining, type Analysis, type Diagnostic, type ModelDocument } from '../../model';
import { CodeParamsMemory } from './code-params';
import { copyNodes, pasteNodes, PASTE_OFFSET } from './clipboard';
import { connectionProblem } from './connection';
import * as edit from './doc-actions';
import { emptyDocument, joinDocument, splitDocument } from './document';
import { emptyHistory, record, redo, undo } from './history';
import { setInputFeatures } from './input-features';
import { boundingBox, placeNewNode } from './placement';
import { EMPTY_SELECTION, type EditableDocument, type Selection, type StoredWeights } from './types';
import { reconcileWeights } from './weights';
import type { EditorData, EditorState, EditorStore, Pins } from './editor-state';

export type { Snapshot, Pins, EditorData, ConnectResult, MlpRequest, EditorActions, EditorState, EditorStore } from './editor-state';

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
  const codeParams = new CodeParamsMemory();
  const analyze = (doc: EditableDocument) => analyzeGraph(doc, { codeParams: codeParams.lookup });
  const startAnalysis = analyze(start.doc);
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
      const analysis = opts.reanalyze === false ? s.analysis : analyze(next);
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
      const analysis = analyze(moved.value.doc);
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
        const analysis = analyze(d);
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

      setCode(nodeId, code) {
        commit(edit.setCode(get().doc, nodeId, code));
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

      setBreakpoints(breakpoints) {
        if (get().doc.breakpoints === breakpoints) return;
        commit({ ...get().doc, breakpoints }, { reanalyze: false });
      },

      setLesson(lesson) {
        const doc = get().doc;
        if (doc.lesson === lesson) return;
        const { lesson: _old, ...rest } = doc;
        void _old;
        commit(lesson ? { ...rest, lesson } : rest, { reanalyze: false });
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

      learnCodeParams(plan) {
        if (!codeParams.learn(plan)) return;
        // The document did not change, only what is known of it: no undo step, no revision.
        const s = get();
        const analysis = analyze(s.doc);
        set({ analysis, pins: pinDiagnostics(analysis, s.doc) });
      },
    };
  });
}

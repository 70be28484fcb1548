/** The editor store's state: its data, and the actions the canvas, panels and commands take on it. */
import type { StoreApi } from 'zustand/vanilla';
import type { Analysis, BreakpointEntry, Diagnostic, Lesson, MlpSpec, ModelDocument, NodeType, Plan, TrainingSettings } from '../../model';
import type { History } from './history';
import type { ClipboardContent } from './clipboard';
import type { EditableDocument, Selection, Size, StoredWeights, XY } from './types';

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
  /** analyzeGraph(doc), kept current on every structural change (and as the engine reports what code declares). */
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
  /** Sets a Custom node's code (one undo step). */
  setCode(nodeId: string, code: string): void;
  setName(name: string): void;
  setSeed(seed: number): void;
  setTraining(training: TrainingSettings): void;
  /** Sets the document's lesson (undefined removes it), as one undo step. */
  setLesson(lesson: Lesson | undefined): void;
  /** The training breakpoints (see src/editor/breakpoints); one undo step. */
  setBreakpoints(breakpoints: BreakpointEntry[]): void;
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
  /** The engine built this plan: its layers of code declare these parameters (the analysis counts them from now on). */
  learnCodeParams(plan: Plan): void;
}

export type EditorState = EditorData & EditorActions;
export type EditorStore = StoreApi<EditorState>;

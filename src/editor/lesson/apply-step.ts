import type { RunStore } from '../run/run-store';
import type { ScreenStore } from '../screen/screen-store';
import type { EditorStore } from '../store/editor-store';
import { goToStep, startPresenting, type Presenting } from './presenting';
import type { Lesson, ModelDocument } from '../../model';
import { currentDocument } from '../store/editor-store';
import { listedExampleText } from '../io/examples';
import { parseDocumentText } from '../io/document-text';

export interface LessonStores {
  editor: EditorStore;
  screen: ScreenStore;
  /** Absent where no engine runs (some tests): passes are then left out. */
  run?: RunStore;
  /** The text of a built-in example a step shows (by default fetched, if the examples' index lists it). */
  loadExample?: (file: string) => Promise<string>;
}

/** Is `p` still the visit that asked for the work under way? A later step, or leaving the lesson, ends it. */
function current(screen: ScreenStore, p: Presenting): boolean {
  const now = screen.getState().presenting;
  return !!now && now.visit === p.visit && now.lesson === p.lesson;
}

/**
 * Carries out what the step on show asks: its panels come to the front, the training speed
 * is set and its pass runs (a stepped pass is taken from its start to its position). The
 * highlights and the controls' states follow from the presenting state itself.
 */
export async function applyStep(stores: LessonStores, p: Presenting): Promise<void> {
  const { screen, run } = stores;
  const step = p.lesson.steps[p.index];
  if (!step) return;
  const s = screen.getState();
  if (step.open?.side) s.showSideTab(step.open.side);
  if (step.open?.bottom) s.showPanelTab(step.open.bottom);
  if (step.open?.bottom_height !== undefined && step.open.bottom_height !== s.panelHeight) {
    // For this visit only: the learner's own height stays their preference.
    s.setPanelHeight(step.open.bottom_height, false);
    s.requestFitView();
  }
  if (step.speed !== undefined) s.setSpeed(step.speed);
  const wanted = step.example ?? null;
  // Training starts from the weights the model opens with, so the step shows the same run on every visit.
  if (wanted !== p.shown || step.run?.kind === 'train') {
    let doc: ModelDocument;
    try {
      doc = wanted ? await exampleDocument(stores, wanted) : p.start;
    } catch (e) {
      if (current(screen, p)) s.notify(`This step's model “${wanted}” could not be opened: ${e instanceof Error ? e.message : String(e)}.`, 'error');
      return;
    }
    if (!current(screen, p)) return;
    show(stores, p, doc);
    screen.getState().setPresenting({ ...screen.getState().presenting!, shown: wanted });
    p = screen.getState().presenting!;
    if (run) await run.getState().syncNow();
    if (!current(screen, p)) return;
  }
  if (!step.run || !run) return;
  const r = run.getState();
  if (r.training.state === 'running') r.stopTraining();
  switch (step.run.kind) {
    case 'forward':
      await r.runForward();
      return;
    case 'backward':
      await r.runBackward();
      return;
    case 'stepped': {
      await run.getState().stepReset();
      for (let i = 0; i < step.run.to && current(screen, p); i++) {
        await run.getState().stepForward();
        const steps = run.getState().steps;
        if (steps.length && steps[steps.length - 1].done) break;
      }
      return;
    }
    case 'train':
      await r.toggleTraining();
  }
}

async function exampleDocument(stores: LessonStores, file: string): Promise<ModelDocument> {
  const parsed = parseDocumentText(await (stores.loadExample ?? listedExampleText)(file));
  if (!parsed.ok) throw new Error(`${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}`);
  return parsed.doc;
}

/** Puts `doc` on the canvas: for a learner, as opened (nothing to undo); in an author's preview, as one undo step. */
function show({ editor }: LessonStores, p: Presenting, doc: ModelDocument): void {
  if (p.mode === 'link') editor.getState().loadDocument(doc);
  else editor.getState().replaceDocument(doc);
}

/** Starts presenting `lesson` over the editor's current document, at its first step (or `index`). */
export function present(stores: LessonStores, lesson: Lesson, mode: Presenting['mode'], index = 0): void {
  const p = startPresenting(lesson, currentDocument(stores.editor.getState()), mode, index);
  stores.screen.getState().setPresenting(p);
  // The lesson's column narrows the canvas: the graph is fitted into what is left.
  stores.screen.getState().requestFitView();
  void applyStep(stores, p);
}

/** Moves to step `index` and carries it out. */
export function showStep(stores: LessonStores, index: number): void {
  const p = stores.screen.getState().presenting;
  if (!p) return;
  const next = goToStep(p, index);
  if (next === p) return;
  stores.screen.getState().setPresenting(next);
  void applyStep(stores, next);
}

/** Brings back the document as the lesson started, then carries out the step on show again. */
export function resetStep(stores: LessonStores): void {
  const p = stores.screen.getState().presenting;
  if (!p) return;
  // A learner's experiments go; an author previewing keeps Undo. A step that shows an example opens it again.
  show(stores, p, p.start);
  const again = { ...p, visit: p.visit + 1, shown: null };
  stores.screen.getState().setPresenting(again);
  void applyStep(stores, again);
}

/** Leaves the lesson; `keepDocument` when another model has just been opened over it. */
export function stopPresenting(stores: LessonStores, { keepDocument = false } = {}): void {
  const p = stores.screen.getState().presenting;
  // Leaving a lesson while it shows another example brings back the lesson's own model.
  if (p?.shown && !keepDocument) show(stores, p, p.start);
  stores.screen.getState().setPresenting(null);
  stores.screen.getState().requestFitView();
}

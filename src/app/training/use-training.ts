import { defaultTraining, type TrainingSettings } from '../../model';
import type { EditorStore } from '../../editor/store/editor-store';
import { useEditor } from '../../editor/use-editor';

/** What a document without training settings trains with (the schema's defaults). */
const DEFAULTS: TrainingSettings = defaultTraining();

/** The document's training settings, or the defaults when it has none (stable either way). */
export function useTrainingSettings(): TrainingSettings {
  return useEditor((s) => s.doc.training) ?? DEFAULTS;
}

/** The current settings, read at the moment of an edit (handlers must not commit a stale copy). */
export function currentTraining(store: EditorStore): TrainingSettings {
  return store.getState().doc.training ?? DEFAULTS;
}

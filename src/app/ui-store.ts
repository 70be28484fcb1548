import { create } from 'zustand';
import type { DocumentProblem } from '../editor/io/document-text';

/** The app's open dialog, at most one at a time. */
export type DialogState =
  | { kind: 'mlp' }
  | { kind: 'import-errors'; source: string; errors: readonly DocumentProblem[] }
  | { kind: 'share'; url: string; withWeights: boolean }
  | null;

interface UiState {
  dialog: DialogState;
  open(d: Exclude<DialogState, null>): void;
  close(): void;
}

export const useUi = create<UiState>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));

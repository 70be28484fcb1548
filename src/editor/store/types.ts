import type { ModelDocument, ModelEdge, ModelNode, StoredWeights } from '../../model';

/** The part of the model document the user edits and undo/redo restores: everything but the weights. */
export type EditableDocument = Omit<ModelDocument, 'weights'>;

export type { ModelDocument, ModelEdge, ModelNode, StoredWeights };

export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export interface XY {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export type ToastTone = 'info' | 'success' | 'warning' | 'error';

/** A short message for the user (a toast); `action` adds a button to it. */
export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
  action?: { label: string; run: () => void };
  /** Stays until dismissed (otherwise it fades after a few seconds). */
  sticky?: boolean;
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DocumentProblem } from '../io/document-text';
import type { Presenting } from '../lesson/presenting';
import type { EditorStore } from '../store/editor-store';
import type { Toast, ToastTone } from '../store/types';
import { clampInt, loadPrefs, PANEL_HEIGHT, PLAY_INTERVAL, savePrefs, type ScreenPrefs } from './prefs';

/** The app's open dialog, at most one at a time. */
export type DialogState =
  | { kind: 'mlp' }
  | { kind: 'import-errors'; source: string; errors: readonly DocumentProblem[] }
  | { kind: 'share'; url: string; withWeights: boolean }
  /** A Custom node's code, its editor and its check. */
  | { kind: 'code'; nodeId: string }
  /** Export → PyTorch training script: which weights it starts from. */
  | { kind: 'training-export' }
  | null;

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

/** A request the token tells apart from the one before (the same target twice is two requests). */
export interface FocusRequest {
  nodeId?: string;
  edgeId?: string;
  token: number;
}

/** At most this many messages are on screen; older ones fold into a count. */
export const MAX_TOASTS = 3;

/**
 * What the screen shows around the document, in one place: messages (toasts), requests to
 * the canvas (fit, focus), the save status, the open dialog, the views on show (the large
 * Jacobian, the bottom panel's tab) and the user's preferences (remembered). Nothing here
 * is part of the document or its undo history.
 */
export interface ScreenState extends ScreenPrefs {
  toasts: readonly Toast[];
  fitViewToken: number;
  focusRequest: FocusRequest | null;
  saveStatus: SaveStatus;
  dialog: DialogState;
  /** The layer whose Jacobian the large view shows, or null. */
  jacobianNodeId: string | null;
  /** A request to bring a tab of the bottom panel to the front (the token tells repeats apart). */
  panelTabRequest: { key: string; token: number } | null;
  /** The lesson on show and its step, or null when no lesson is being presented. */
  presenting: Presenting | null;
  /** A request to bring a tab of the side panel to the front. */
  sideTabRequest: { key: string; token: number } | null;

  notify(text: string, tone?: ToastTone, opts?: Pick<Toast, 'action' | 'sticky'>): number;
  dismiss(id: number): void;
  requestFitView(): void;
  /** Asks the canvas to bring an element into view (the node when both are given). */
  focus(target: { nodeId?: string; edgeId?: string }): void;
  setSaveStatus(status: SaveStatus): void;
  openDialog(d: Exclude<DialogState, null>): void;
  closeDialog(): void;
  openJacobian(nodeId: string): void;
  closeJacobian(): void;
  showPanelTab(key: string): void;
  showSideTab(key: string): void;
  setPresenting(p: Presenting | null): void;
  setShowJacobians(on: boolean): void;
  setLive(on: boolean): void;
  setPlayInterval(ms: number): void;
  /** `remember: false` while a drag is under way; the final height is remembered. */
  setPanelHeight(px: number, remember?: boolean): void;
  setSpeed(speed: ScreenPrefs['speed']): void;
}

export type ScreenStore = StoreApi<ScreenState>;

let toastCounter = 0;

export function createScreenStore(prefs: ScreenPrefs = loadPrefs()): ScreenStore {
  return createStore<ScreenState>()((set, get) => {
    const setPrefs = (p: Partial<ScreenPrefs>, remember = true) => {
      set(p);
      if (!remember) return;
      const { showJacobians, live, playIntervalMs, panelHeight, speed } = get();
      savePrefs({ showJacobians, live, playIntervalMs, panelHeight, speed });
    };
    return {
      ...prefs,
      toasts: [],
      fitViewToken: 0,
      focusRequest: null,
      saveStatus: 'idle',
      dialog: null,
      jacobianNodeId: null,
      panelTabRequest: null,
      presenting: null,
      sideTabRequest: null,

      notify(text, tone = 'info', opts = {}) {
        const id = ++toastCounter;
        set({ toasts: [...get().toasts.filter((t) => t.text !== text), { id, tone, text, ...opts }] });
        return id;
      },
      dismiss(id) {
        const toasts = get().toasts.filter((t) => t.id !== id);
        if (toasts.length !== get().toasts.length) set({ toasts });
      },
      requestFitView: () => set({ fitViewToken: get().fitViewToken + 1 }),
      focus: (target) => set({ focusRequest: { ...target, token: (get().focusRequest?.token ?? 0) + 1 } }),
      setSaveStatus(status) {
        if (get().saveStatus !== status) set({ saveStatus: status });
      },
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => set({ dialog: null }),
      openJacobian: (nodeId) => set({ jacobianNodeId: nodeId }),
      closeJacobian: () => set({ jacobianNodeId: null }),
      showPanelTab: (key) => set({ panelTabRequest: { key, token: (get().panelTabRequest?.token ?? 0) + 1 } }),
      showSideTab: (key) => set({ sideTabRequest: { key, token: (get().sideTabRequest?.token ?? 0) + 1 } }),
      setPresenting: (presenting) => set({ presenting }),
      setShowJacobians: (on) => setPrefs({ showJacobians: on }),
      setLive: (on) => setPrefs({ live: on }),
      setPlayInterval: (ms) => setPrefs({ playIntervalMs: clampInt(ms, PLAY_INTERVAL.min, PLAY_INTERVAL.max) }),
      setPanelHeight: (px, remember = true) => setPrefs({ panelHeight: clampInt(px, PANEL_HEIGHT.min, PANEL_HEIGHT.max) }, remember),
      setSpeed: (speed) => setPrefs({ speed }),
    };
  });
}

/** Selects an element in the editor and brings it into view. */
export function focusElement(editor: EditorStore, screen: ScreenStore, target: { nodeId?: string; edgeId?: string }): void {
  editor.getState().select(target.nodeId ? { nodes: [target.nodeId], edges: [] } : { nodes: [], edges: target.edgeId ? [target.edgeId] : [] });
  screen.getState().focus(target);
}

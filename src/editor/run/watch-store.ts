import { create } from 'zustand';

/**
 * How the user watches the engine: preferences that outlive a reload (Jacobian thumbnails
 * on the edges, the play speed, the bottom panel's height) and the Jacobian view on show.
 */
export interface WatchState {
  showJacobians: boolean;
  /** Milliseconds between steps while playing a pass. */
  playIntervalMs: number;
  /** Height of the panel under the canvas, CSS px. */
  panelHeight: number;
  /** The layer whose Jacobian the large view shows, or null. */
  jacobianNodeId: string | null;
  /** A request to bring a tab of the bottom panel to the front (the token tells repeats apart). */
  panelTabRequest: { key: string; token: number } | null;
  setShowJacobians(on: boolean): void;
  setPlayInterval(ms: number): void;
  /** `remember: false` while a drag is under way; the final height is remembered. */
  setPanelHeight(px: number, remember?: boolean): void;
  showPanelTab(key: string): void;
  openJacobian(nodeId: string): void;
  closeJacobian(): void;
}

const KEY = 'backprop-studio:watch';
export const PLAY_INTERVAL = { min: 120, max: 1500, initial: 600 } as const;
export const PANEL_HEIGHT = { min: 120, max: 640, initial: 250 } as const;

interface Saved {
  showJacobians: boolean;
  playIntervalMs: number;
  panelHeight: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

function load(): Saved {
  const fallback: Saved = { showJacobians: true, playIntervalMs: PLAY_INTERVAL.initial, panelHeight: PANEL_HEIGHT.initial };
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    if (!raw) return fallback;
    const v = JSON.parse(raw) as Partial<Saved>;
    return {
      showJacobians: typeof v.showJacobians === 'boolean' ? v.showJacobians : fallback.showJacobians,
      playIntervalMs: typeof v.playIntervalMs === 'number' && Number.isFinite(v.playIntervalMs) ? clamp(v.playIntervalMs, PLAY_INTERVAL.min, PLAY_INTERVAL.max) : fallback.playIntervalMs,
      panelHeight: typeof v.panelHeight === 'number' && Number.isFinite(v.panelHeight) ? clamp(v.panelHeight, PANEL_HEIGHT.min, PANEL_HEIGHT.max) : fallback.panelHeight,
    };
  } catch {
    // Storage may be unavailable (private mode) or hold something else: start from the defaults.
    return fallback;
  }
}

function save(s: Saved): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // Not remembering a preference is harmless.
  }
}

export const useWatch = create<WatchState>()((set, get) => {
  const persist = () => {
    const { showJacobians, playIntervalMs, panelHeight } = get();
    save({ showJacobians, playIntervalMs, panelHeight });
  };
  return {
    ...load(),
    jacobianNodeId: null,
    panelTabRequest: null,
    setShowJacobians(on) {
      set({ showJacobians: on });
      persist();
    },
    setPlayInterval(ms) {
      set({ playIntervalMs: clamp(ms, PLAY_INTERVAL.min, PLAY_INTERVAL.max) });
      persist();
    },
    setPanelHeight(px, remember = true) {
      set({ panelHeight: clamp(px, PANEL_HEIGHT.min, PANEL_HEIGHT.max) });
      if (remember) persist();
    },
    showPanelTab: (key) => set({ panelTabRequest: { key, token: (get().panelTabRequest?.token ?? 0) + 1 } }),
    openJacobian: (nodeId) => set({ jacobianNodeId: nodeId }),
    closeJacobian: () => set({ jacobianNodeId: null }),
  };
});

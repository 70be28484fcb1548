import { TRAINING_SPEEDS, type TrainingSpeed } from '../../runtime';

/** How the user likes the screen: remembered in this browser across reloads. */
export interface ScreenPrefs {
  /** Jacobian thumbnails on the edges. */
  showJacobians: boolean;
  /** Live mode: a pass after every edit. */
  live: boolean;
  /** Milliseconds between steps while playing a pass. */
  playIntervalMs: number;
  /** Height of the panel under the canvas, CSS px. */
  panelHeight: number;
  /** How fast training runs. */
  speed: TrainingSpeed;
}

export const PREFS_KEY = 'backprop-studio:watch';
export const PLAY_INTERVAL = { min: 120, max: 1500, initial: 600 } as const;
export const PANEL_HEIGHT = { min: 120, max: 640, initial: 250 } as const;

export const DEFAULT_PREFS: ScreenPrefs = { showJacobians: true, live: true, playIntervalMs: PLAY_INTERVAL.initial, panelHeight: PANEL_HEIGHT.initial, speed: 'full' };

export const clampInt = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

/** Preferences from what was stored: each field checked on its own, anything unreadable taking its default. */
export function readPrefs(raw: string | null): ScreenPrefs {
  if (!raw) return { ...DEFAULT_PREFS };
  let v: Partial<Record<keyof ScreenPrefs, unknown>>;
  try {
    const parsed: unknown = JSON.parse(raw);
    v = parsed && typeof parsed === 'object' ? (parsed as typeof v) : {};
  } catch {
    return { ...DEFAULT_PREFS };
  }
  const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  return {
    showJacobians: typeof v.showJacobians === 'boolean' ? v.showJacobians : DEFAULT_PREFS.showJacobians,
    live: typeof v.live === 'boolean' ? v.live : DEFAULT_PREFS.live,
    playIntervalMs: num(v.playIntervalMs) ? clampInt(v.playIntervalMs, PLAY_INTERVAL.min, PLAY_INTERVAL.max) : DEFAULT_PREFS.playIntervalMs,
    panelHeight: num(v.panelHeight) ? clampInt(v.panelHeight, PANEL_HEIGHT.min, PANEL_HEIGHT.max) : DEFAULT_PREFS.panelHeight,
    speed: TRAINING_SPEEDS.includes(v.speed as TrainingSpeed) ? (v.speed as TrainingSpeed) : DEFAULT_PREFS.speed,
  };
}

/** Storage may be missing (Node tests) or refuse (private mode): then preferences last until the page closes. */
export function loadPrefs(): ScreenPrefs {
  try {
    return readPrefs(typeof localStorage === 'undefined' ? null : localStorage.getItem(PREFS_KEY));
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function savePrefs(p: ScreenPrefs): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(p));
  } catch {
    // Not remembering a preference is harmless.
  }
}

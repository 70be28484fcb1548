import { COURTESY_PROGRESS_INTERVAL_MS } from '../../runtime';
import { realClock, type Clock } from './clock';

/** How often the canvas's figures follow training at most. */
export const LIVE_FIGURES_MS = 300;
/** While the user drags or pans, the training panels and the canvas's figures follow at most this often (as often as the worker then reports), and the weights wait for the gesture's end: the gesture's frames come first. */
export const GESTURE_LIVE_FIGURES_MS = COURTESY_PROGRESS_INTERVAL_MS;
/** Trained weights are fetched into the editor (autosave, export) at most this often while training runs, and at its end. */
export const WEIGHTS_SYNC_MS = 3000;

/** Where the throttle's decisions go. */
export interface ProgressSinks<V> {
  /** Puts a training view on show. */
  show(view: V): void;
  /** Passes training's latest snapshot on to the canvas. */
  passLive(): void;
  /** Fetches the current weights from the worker. */
  pullWeights(): void;
  /** True while the run with this token is the one on view. */
  isCurrent(token: number): boolean;
}

/** What the throttle needs to know of a progress message. */
export interface ProgressFacts {
  /** Training still runs (an end, a pause or a stop shows at once). */
  running: boolean;
  /** The message carries a new snapshot of the nodes' figures. */
  snapshot: boolean;
}

/**
 * Decides when training's progress reaches the page: the panels follow every message,
 * except during a drag or pan (a gesture), when they follow once a second and what was
 * held back shows when the gesture ends; the canvas's figures follow at most every
 * LIVE_FIGURES_MS (once a second during a gesture); the weights are fetched every few
 * seconds, never during a gesture, and at the end.
 */
export class ProgressThrottle<V> {
  private gestureActive = false;
  private held: { token: number; view: V } | null = null;
  private heldTimer: unknown = null;
  private liveTimer: unknown = null;
  private lastShown = -Infinity;
  private lastLive = -Infinity;
  private lastWeights = -Infinity;

  constructor(
    private readonly sinks: ProgressSinks<V>,
    private readonly clock: Clock = realClock,
  ) {}

  get gesture(): boolean {
    return this.gestureActive;
  }

  /** The view held back for this run, to build the next one on. */
  heldView(token: number): V | null {
    return this.held?.token === token ? this.held.view : null;
  }

  /** A new view of run `token`'s progress. */
  offer(view: V, token: number, facts: ProgressFacts): void {
    const now = this.clock.now();
    const wait = GESTURE_LIVE_FIGURES_MS - (now - this.lastShown);
    if (this.gestureActive && facts.running && wait > 0) {
      this.held = { token, view };
      this.heldTimer ??= this.clock.setTimeout(() => this.release(), wait);
      return;
    }
    this.dropHeld();
    this.lastShown = now;
    this.sinks.show(view);
    if (facts.snapshot || !facts.running) {
      const liveWait = (this.gestureActive ? GESTURE_LIVE_FIGURES_MS : LIVE_FIGURES_MS) - (now - this.lastLive);
      if (!facts.running || liveWait <= 0) this.passLive();
      else this.liveTimer ??= this.clock.setTimeout(() => this.passLive(), liveWait);
    }
    if (!facts.running || (!this.gestureActive && now - this.lastWeights > WEIGHTS_SYNC_MS)) {
      this.lastWeights = now;
      this.sinks.pullWeights();
    }
  }

  /** A gesture began or ended; at its end what was held back shows at once. Returns whether anything changed. */
  setGesture(active: boolean): boolean {
    if (active === this.gestureActive) return false;
    this.gestureActive = active;
    if (!active) {
      this.release();
      this.passLive();
    }
    return true;
  }

  /** Forgets what is held back (a run that ended in an error). */
  reset(): void {
    this.dropHeld();
  }

  dispose(): void {
    this.dropHeld();
    if (this.liveTimer !== null) this.clock.clearTimeout(this.liveTimer);
    this.liveTimer = null;
  }

  private dropHeld(): void {
    this.held = null;
    if (this.heldTimer !== null) this.clock.clearTimeout(this.heldTimer);
    this.heldTimer = null;
  }

  /** Shows progress held back during a gesture, unless its run is no longer the one on view. */
  private release(): void {
    const held = this.held;
    this.dropHeld();
    if (!held || !this.sinks.isCurrent(held.token)) return;
    const now = this.clock.now();
    this.lastShown = now;
    this.sinks.show(held.view);
    if (now - this.lastLive >= GESTURE_LIVE_FIGURES_MS) this.passLive();
  }

  private passLive(): void {
    if (this.liveTimer !== null) this.clock.clearTimeout(this.liveTimer);
    this.liveTimer = null;
    this.lastLive = this.clock.now();
    this.sinks.passLive();
  }
}

import type { StepReport } from '../../runtime';
import { realClock, type Clock } from './clock';

/** Calls that share the worker's one trace (stepping, inspection) run one after another, so a look inside never lands between a step's reset and its first layer. */
export class SerialQueue {
  private chain: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/** The stepped pass after `report`: a new pass starts the history again. */
export function withStep(steps: readonly StepReport[], report: StepReport): StepReport[] {
  const restart = steps.length === 0 || steps[steps.length - 1].done || (report.phase === 'forward' && report.index === 1);
  return restart ? [report] : [...steps, report];
}

/** What the stepper reads and changes of the run state. */
export interface StepperHost {
  steps(): readonly StepReport[];
  cursor(): number;
  setCursor(cursor: number): void;
  /** A step is on its way to the worker. */
  stepping(): boolean;
  /** Runs the next layer in the worker and puts its report on show. */
  takeStep(): Promise<void>;
  setPlaying(playing: boolean): void;
}

/**
 * Stepping through a pass: forward moves the cursor along the steps already taken, then
 * takes the next one (a click while one is on its way is taken after it, not lost); back
 * only moves the cursor; play takes a step every interval until the pass is done.
 */
export class Stepper {
  private queued = 0;
  private timer: unknown = null;
  private playingNow = false;

  constructor(
    private readonly host: StepperHost,
    private readonly clock: Clock = realClock,
  ) {}

  get playing(): boolean {
    return this.playingNow;
  }

  async forward(): Promise<void> {
    const steps = this.host.steps();
    const cursor = this.host.cursor();
    if (cursor < steps.length - 1) {
      this.host.setCursor(cursor + 1);
      return;
    }
    if (this.host.stepping()) {
      if (!this.playingNow) this.queued++;
      return;
    }
    await this.host.takeStep();
    if (this.host.steps()[this.host.cursor()]?.done) this.pause();
    else if (this.queued > 0 && !this.playingNow) {
      this.queued--;
      await this.forward();
    }
  }

  back(): void {
    const c = this.host.cursor();
    if (c > 0) this.host.setCursor(c - 1);
  }

  /** Forgets steps asked for and not yet taken (a reset). */
  clearQueue(): void {
    this.queued = 0;
  }

  play(intervalMs: number): void {
    this.pause();
    this.playingNow = true;
    this.host.setPlaying(true);
    const every = Math.max(30, intervalMs);
    const tick = () => {
      if (!this.playingNow) return;
      this.timer = this.clock.setTimeout(tick, every);
      if (!this.host.stepping()) void this.forward();
    };
    tick();
  }

  pause(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.playingNow) {
      this.playingNow = false;
      this.host.setPlaying(false);
    }
  }
}

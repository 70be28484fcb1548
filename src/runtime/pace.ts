/**
 * How fast training runs: 'full' (as fast as the machine goes), or a number of steps per
 * second, down to a step every few seconds, so each step can be watched. The pace only
 * spaces the steps out in time: every step computes exactly what it computes at full
 * speed, so a run's curve is the same at every speed.
 */
export type TrainingSpeed = 'full' | number;

/** The speeds the page offers, slowest first (steps per second). Below one a second each step's pass is played along the edges. */
export const TRAINING_SPEEDS: readonly TrainingSpeed[] = [0.5, 2, 10, 50, 'full'];
/** Slowest and fastest paced speed accepted (steps per second). */
export const MIN_STEPS_PER_SECOND = 0.1;
export const MAX_STEPS_PER_SECOND = 1000;

/** A speed as a client may send it, checked: a number of steps per second within bounds, or 'full'. */
export function checkSpeed(speed: unknown): TrainingSpeed {
  if (speed === 'full') return speed;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < MIN_STEPS_PER_SECOND || speed > MAX_STEPS_PER_SECOND) {
    throw new RangeError(`The training speed must be 'full' or between ${MIN_STEPS_PER_SECOND} and ${MAX_STEPS_PER_SECOND} steps per second, got ${String(speed)}.`);
  }
  return speed;
}

export interface PaceClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PaceClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** A wait is cut into naps of at most this long, so a new speed, a pause or a stop takes effect within it. */
const NAP_MS = 50;

/**
 * Spaces training steps out to the chosen speed. `wait()` after each step returns when the
 * next step is due; a change of speed applies to the wait under way.
 */
export class Pace {
  private speed: TrainingSpeed = 'full';
  private lastStep = -Infinity;
  /** Set by `interrupt()`: the wait under way ends at its next nap. */
  private interrupted = false;

  constructor(private readonly clock: PaceClock = realClock) {}

  get current(): TrainingSpeed {
    return this.speed;
  }

  /** True when steps are spaced out (not at full speed). */
  get paced(): boolean {
    return this.speed !== 'full';
  }

  set(speed: TrainingSpeed): void {
    this.speed = checkSpeed(speed);
  }

  /** Ends the wait under way (a pause or a stop). */
  interrupt(): void {
    this.interrupted = true;
  }

  /** Waits until the next step is due at the current speed (at once at full speed). */
  async wait(): Promise<void> {
    this.interrupted = false;
    // The first step of a run went at once; the next is due a whole interval after it.
    if (this.lastStep === -Infinity) this.lastStep = this.clock.now();
    for (;;) {
      if (this.speed === 'full' || this.interrupted) break;
      const left = this.lastStep + 1000 / this.speed - this.clock.now();
      if (left <= 0) break;
      await this.clock.sleep(Math.min(left, NAP_MS));
    }
    this.lastStep = this.clock.now();
  }
}

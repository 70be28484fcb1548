/** Timers the watchdog uses (injected in tests). */
export interface WatchdogClock {
  now(): number;
  setInterval(f: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: WatchdogClock = {
  now: () => performance.now(),
  setInterval: (f, ms) => setInterval(f, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * Notices a worker stuck in user code. JavaScript cannot interrupt a loop from inside, so
 * the main thread watches: while armed (the document runs custom code) and a call is in
 * flight, it pings the worker; the worker answers between steps of any long call (training
 * and the gradient check yield), so a ping unanswered for `budgetMs` means code that does
 * not return, and `onStuck` replaces the worker.
 */
export class Watchdog {
  private armed = false;
  private inFlight = 0;
  /** Calls that run code whether or not the watchdog is armed (a check of code being typed). */
  private codeCalls = 0;
  private timer: unknown = null;
  private pingSince: number | null = null;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly onStuck: (budgetMs: number) => void,
    readonly budgetMs = 5000,
    private readonly clock: WatchdogClock = realClock,
  ) {}

  arm(on: boolean): void {
    this.armed = on;
    this.update();
  }

  /** A call went out; returns the function to call when it settles. */
  begin(runsCode = false): () => void {
    this.inFlight++;
    if (runsCode) this.codeCalls++;
    this.update();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight--;
      if (runsCode) this.codeCalls--;
      this.update();
    };
  }

  /** The worker was replaced: nothing is in flight on the new one. */
  reset(): void {
    this.inFlight = 0;
    this.codeCalls = 0;
    this.pingSince = null;
    this.update();
  }

  private update(): void {
    const watching = (this.armed && this.inFlight > 0) || this.codeCalls > 0;
    if (watching && this.timer === null) this.timer = this.clock.setInterval(() => this.tick(), Math.max(50, this.budgetMs / 5));
    else if (!watching && this.timer !== null) {
      this.clock.clearInterval(this.timer);
      this.timer = null;
      this.pingSince = null;
    }
  }

  private tick(): void {
    const now = this.clock.now();
    if (this.pingSince !== null) {
      if (now - this.pingSince >= this.budgetMs) {
        this.reset();
        this.onStuck(this.budgetMs);
      }
      return;
    }
    const since = now;
    this.pingSince = since;
    this.ping().then(
      () => {
        if (this.pingSince === since) this.pingSince = null;
      },
      () => undefined,
    );
  }
}

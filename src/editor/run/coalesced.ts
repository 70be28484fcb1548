/**
 * Runs a job when asked; asked again while it runs, it runs once more after it (however
 * often it was asked meanwhile), so requests never queue up behind each other.
 */
export class Coalesced {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly job: () => Promise<void>) {}

  /** Resolves when the job has run after this request (errors are the job's to handle). */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.job().catch(() => undefined);
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}

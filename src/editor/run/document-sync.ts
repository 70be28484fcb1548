import { realClock, type Clock } from './clock';

/** A burst of edits closer together than this is sent to the engine once, after its last edit. */
export const LOAD_DEBOUNCE_MS = 120;

/** What DocumentSync keeps in step: the editor's document and the engine that computes on it. */
export interface SyncTarget {
  /** What the engine's numbers depend on in the editor's document now (see engineKey). */
  key(): string;
  /** The editor's lineage now: a new one is a newly opened document. */
  lineage(): number;
  /** Sends the editor's document to the engine; `fresh` for a newly opened one. */
  load(fresh: boolean): Promise<void>;
  /** A scheduled load failed. */
  onError(e: unknown): void;
}

/**
 * Keeps the engine on the editor's document: an edit after a quiet spell is sent at once
 * (on the next task, so edits made together go as one), a burst of edits once after its
 * last; loads run one after another; a change the engine does not care about (a move, a
 * rename: the same key) sends nothing.
 */
export class DocumentSync {
  private loadedKey: string | null = null;
  private loadedLineage = -1;
  private timer: unknown = null;
  private lastSent = -Infinity;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly target: SyncTarget,
    private readonly clock: Clock = realClock,
    private readonly delayMs = LOAD_DEBOUNCE_MS,
  ) {}

  /** True when the engine holds the editor's document as it is now. */
  get current(): boolean {
    return this.target.key() === this.loadedKey && this.target.lineage() === this.loadedLineage;
  }

  /** The editor's document changed. */
  schedule(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    const quiet = this.clock.now() - this.lastSent >= this.delayMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.lastSent = this.clock.now();
      void this.enqueue().catch((e) => this.target.onError(e));
    }, quiet ? 0 : this.delayMs);
  }

  /** Sends the document now if it changed, and resolves once the engine holds it; rejects when that load failed. */
  async now(): Promise<void> {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
      await this.enqueue();
    } else await this.chain;
    if (!this.current) await this.enqueue();
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private enqueue(): Promise<void> {
    const next = this.chain.then(() => this.sync());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async sync(): Promise<void> {
    const key = this.target.key();
    const lineage = this.target.lineage();
    const fresh = lineage !== this.loadedLineage;
    if (!fresh && key === this.loadedKey) return;
    this.loadedKey = key;
    this.loadedLineage = lineage;
    await this.target.load(fresh);
  }
}

import * as Comlink from 'comlink';
import type { ModelDocument, StoredWeights } from '../model';
import { clipText } from '../model';
import type { WorkerApi } from './expose';
import type { LoadOptions } from './service';
import { Watchdog } from './watchdog';

/** What the client needs of a Worker (a real one, or a MessagePort-backed one in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  terminate(): void;
}

export interface EngineClientOptions {
  createWorker?: () => WorkerLike;
  /** Told when the worker died and was restarted (the document was re-sent); `reason` is in words. */
  onRestart?: (reason: string) => void;
  /**
   * Told when one document stopped the engine twice: the engine was restarted without it,
   * and it will not be sent again (the editor keeps it; an edit makes a new one).
   */
  onDocumentCrash?: (message: string) => void;
  /** Waits before successive restarts, in ms; the last one repeats. */
  backoffMs?: readonly number[];
  /** For tests: how a wait is made. */
  sleep?: (ms: number) => Promise<void>;
  /** How long the worker may go without answering while it runs custom code (default 5 s). */
  codeBudgetMs?: number;
}

/** Why a worker running custom code was replaced: its code did not return within the budget. */
export function overrunReason(budgetMs: number): string {
  return `custom layer code ran past its ${budgetMs / 1000} s time budget`;
}

type Api = Comlink.Remote<WorkerApi>;

export class WorkerCrashedError extends Error {
  constructor(reason: string) {
    super(`The engine stopped unexpectedly (${reason}); it has been restarted with your model.`);
    this.name = 'WorkerCrashedError';
  }
}

/** A document that stopped the engine twice is not sent again: loading it rejects with this. */
export class DocumentCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentCrashedError';
  }
}

export function createEngineWorker(): WorkerLike {
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
}

/** Restarts wait 0.25 s, then 1 s, 4 s and at most 10 s while crashes keep coming. */
export const RESTART_BACKOFF_MS: readonly number[] = [250, 1000, 4000, 10_000];
/** A worker that lived this long has proved itself: the next crash starts the back-off over. */
const STABLE_MS = 30_000;

/** Why a worker died, in the user's words (the browser's raw text goes to the console). */
export function crashReason(raw: string): string {
  if (/memory|allocation|array length|call stack/i.test(raw)) return 'it ran out of memory';
  if (/unresponsive|took longer|time limit|time budget|runaway/i.test(raw)) return raw;
  return 'it crashed';
}

/**
 * The main thread's handle on the engine worker. Calls go through Comlink; when the worker
 * dies, calls in flight reject with WorkerCrashedError and `recover` starts a new worker
 * (after a back-off that grows while crashes keep coming) and loads the last document
 * into it again (with the last weights the client saw), so the user's model survives. A
 * document that kills the engine twice while it loads is not sent again: the engine
 * restarts empty and `onDocumentCrash` says which document and what happened.
 */
export class EngineClient {
  private worker!: WorkerLike;
  private remote!: Api;
  private crashed!: Promise<never>;
  private rejectCrash!: (e: Error) => void;
  private lastDoc: ModelDocument | null = null;
  private lastWeights: StoredWeights | undefined;
  /** The document a load is under way for: a crash meanwhile is counted against it. */
  private loading: { doc: ModelDocument } | null = null;
  private readonly crashesWhileLoading = new WeakMap<ModelDocument, number>();
  private readonly options: EngineClientOptions;
  private readonly createWorker: () => WorkerLike;
  /** Resolves once a live worker takes calls (pending while a restart waits out its back-off). */
  private ready: Promise<void> = Promise.resolve();
  private recovering: Promise<void> | null = null;
  private startedAt = 0;
  private crashStreak = 0;
  private disposed = false;
  restarts = 0;
  /** Replaces the worker when custom code runs past its budget (armed with `watchCode`). */
  private readonly watchdog: Watchdog;

  constructor(options: EngineClientOptions = {}) {
    this.options = options;
    this.createWorker = options.createWorker ?? createEngineWorker;
    this.watchdog = new Watchdog(
      () => this.remote.ping(),
      (budget) => void this.recover(overrunReason(budget)),
      options.codeBudgetMs,
    );
    this.start();
  }

  /** Arms the time budget: on while the loaded document runs custom code. */
  watchCode(on: boolean): void {
    this.watchdog.arm(on);
  }

  private start(): void {
    const worker = this.createWorker();
    this.worker = worker;
    this.startedAt = Date.now();
    this.remote = Comlink.wrap<WorkerApi>(worker as unknown as Comlink.Endpoint);
    this.crashed = new Promise<never>((_, reject) => (this.rejectCrash = reject));
    this.crashed.catch(() => undefined);
    const onError = (event: Event) => {
      event.preventDefault?.();
      const message = (event as ErrorEvent).message || event.type;
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onError);
      if (worker === this.worker) void this.recover(message);
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
  }

  /**
   * Ends the current worker (it died, or hangs) and starts another: calls in flight reject
   * with WorkerCrashedError, later calls wait for the new worker. `reason` is what went
   * wrong, as the browser (or a watchdog) put it. One recovery at a time.
   */
  recover(reason: string): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.recovering) return this.recovering;
    const run = this.restart(reason).finally(() => {
      if (this.recovering === run) this.recovering = null;
    });
    this.recovering = run;
    return run;
  }

  private async restart(raw: string): Promise<void> {
    console.warn('Backprop Studio: the engine worker stopped:', raw);
    const reason = crashReason(raw);
    let resume!: () => void;
    this.ready = new Promise<void>((r) => (resume = r));
    this.rejectCrash(new WorkerCrashedError(reason));
    try {
      this.worker.terminate();
    } catch {
      // already gone
    }
    this.watchdog.arm(false);
    this.watchdog.reset();
    this.crashStreak = Date.now() - this.startedAt >= STABLE_MS ? 1 : this.crashStreak + 1;

    const culprit = this.loading?.doc ?? null;
    this.loading = null;
    let gaveUp: string | null = null;
    if (culprit) {
      const n = (this.crashesWhileLoading.get(culprit) ?? 0) + 1;
      this.crashesWhileLoading.set(culprit, n);
      if (n >= 2) {
        gaveUp = `The engine stopped twice while loading the model ${describeDoc(culprit)} (${reason}), so it was restarted without it. The model stays in the editor; change it (smaller layers, a smaller batch or dataset) to try again.`;
        if (this.lastDoc === culprit) {
          this.lastDoc = null;
          this.lastWeights = undefined;
        }
      }
    }

    const backoff = this.options.backoffMs ?? RESTART_BACKOFF_MS;
    const wait = backoff.length ? backoff[Math.min(this.crashStreak - 1, backoff.length - 1)] : 0;
    if (wait > 0) await (this.options.sleep ?? sleep)(wait);
    if (this.disposed) return;
    this.restarts++;
    this.start();
    // From here a crash of the new worker (say, of the document re-sent) is a recovery of its own.
    this.recovering = null;
    resume();
    if (gaveUp) {
      this.options.onDocumentCrash?.(gaveUp);
      return;
    }
    if (this.lastDoc) {
      const doc = this.lastWeights ? { ...this.lastDoc, weights: this.lastWeights } : this.lastDoc;
      const again = this.lastDoc;
      const token = { doc: again };
      this.loading = token;
      try {
        await Promise.race([this.remote.load(doc, { weights: 'document' }), this.crashed]);
      } catch {
        // A crash is handled by the recovery it starts; a refusal shows on the next load.
      } finally {
        if (this.loading === token) this.loading = null;
      }
      // The re-sent document killed the new worker too: that recovery tells the user.
      if ((this.crashesWhileLoading.get(again) ?? 0) >= 2) return;
    }
    this.options.onRestart?.(reason);
  }

  /** Runs a call on the current worker; rejects if the worker dies before it answers. */
  async call<T>(fn: (api: Api) => Promise<T>): Promise<T> {
    await this.ready;
    const settled = this.watchdog.begin();
    const result = Promise.race([fn(this.remote), this.crashed]);
    result.then(settled, settled);
    return result;
  }

  /** Runs a call that runs custom code: watched by the time budget whatever the document. */
  async callCode<T>(fn: (api: Api) => Promise<T>): Promise<T> {
    await this.ready;
    const settled = this.watchdog.begin(true);
    const result = Promise.race([fn(this.remote), this.crashed]);
    result.then(settled, settled);
    return result;
  }

  /** Loads a document (remembered, to be re-sent after a crash). */
  async load(doc: ModelDocument, options?: LoadOptions) {
    if ((this.crashesWhileLoading.get(doc) ?? 0) >= 2) {
      throw new DocumentCrashedError(`The model ${describeDoc(doc)} stopped the engine twice, so it is not loaded again. Change it to try again.`);
    }
    this.lastDoc = doc;
    if (options?.weights === 'document') this.lastWeights = doc.weights;
    // A restart re-sends the document without running its code (`runCode` is not kept).
    this.watchCode(!!options?.runCode);
    await this.ready;
    const token = { doc };
    this.loading = token;
    const settled = this.watchdog.begin();
    try {
      return await Promise.race([this.remote.load(doc, options), this.crashed]);
    } finally {
      settled();
      if (this.loading === token) this.loading = null;
    }
  }

  /** Remembers weights the UI received (training progress, autosave) for a restart. */
  rememberWeights(weights: StoredWeights | undefined): void {
    this.lastWeights = weights;
  }

  get api(): Api {
    return this.remote;
  }

  dispose(): void {
    this.disposed = true;
    this.watchdog.arm(false);
    this.worker.terminate();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function describeDoc(doc: ModelDocument): string {
  const nodes = Array.isArray(doc.nodes) ? doc.nodes.length : 0;
  const name = typeof doc.name === 'string' && doc.name ? `'${clipText(doc.name)}'` : '(untitled)';
  return `${name} (${nodes} node${nodes === 1 ? '' : 's'})`;
}

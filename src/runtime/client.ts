import * as Comlink from 'comlink';
import type { ModelDocument, StoredWeights } from '../model';
import type { WorkerApi } from './expose';
import type { LoadOptions } from './service';

/** What the client needs of a Worker (a real one, or a MessagePort-backed one in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  terminate(): void;
}

export interface EngineClientOptions {
  createWorker?: () => WorkerLike;
  /** Told when the worker died and was restarted (the document was re-sent). */
  onRestart?: (reason: string) => void;
}

type Api = Comlink.Remote<WorkerApi>;

export class WorkerCrashedError extends Error {
  constructor(reason: string) {
    super(`The engine stopped unexpectedly (${reason}); it has been restarted with your model.`);
    this.name = 'WorkerCrashedError';
  }
}

export function createEngineWorker(): WorkerLike {
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
}

/**
 * The main thread's handle on the engine worker. Calls go through Comlink; when the worker
 * dies, calls in flight reject with WorkerCrashedError, a new worker starts, and the last
 * document is loaded into it again (with the last weights the client saw), so the user's
 * model survives.
 */
export class EngineClient {
  private worker!: WorkerLike;
  private remote!: Api;
  private crashed!: Promise<never>;
  private rejectCrash!: (e: Error) => void;
  private lastDoc: ModelDocument | null = null;
  private lastWeights: StoredWeights | undefined;
  private readonly createWorker: () => WorkerLike;
  private readonly onRestart?: (reason: string) => void;
  private disposed = false;
  restarts = 0;

  constructor(options: EngineClientOptions = {}) {
    this.createWorker = options.createWorker ?? createEngineWorker;
    this.onRestart = options.onRestart;
    this.start();
  }

  private start(): void {
    const worker = this.createWorker();
    this.worker = worker;
    this.remote = Comlink.wrap<WorkerApi>(worker as unknown as Comlink.Endpoint);
    this.crashed = new Promise<never>((_, reject) => (this.rejectCrash = reject));
    this.crashed.catch(() => undefined);
    const onError = (event: Event) => {
      event.preventDefault?.();
      const message = (event as ErrorEvent).message || event.type;
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onError);
      void this.recover(message);
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
  }

  private async recover(reason: string): Promise<void> {
    if (this.disposed) return;
    this.rejectCrash(new WorkerCrashedError(reason));
    try {
      this.worker.terminate();
    } catch {
      // already gone
    }
    this.restarts++;
    this.start();
    if (this.lastDoc) {
      const doc = this.lastWeights ? { ...this.lastDoc, weights: this.lastWeights } : this.lastDoc;
      await this.call((api) => api.load(doc, { weights: 'document' })).catch(() => undefined);
    }
    this.onRestart?.(reason);
  }

  /** Runs a call on the current worker; rejects if the worker dies before it answers. */
  call<T>(fn: (api: Api) => Promise<T>): Promise<T> {
    return Promise.race([fn(this.remote), this.crashed]);
  }

  /** Loads a document (remembered, to be re-sent after a crash). */
  async load(doc: ModelDocument, options?: LoadOptions) {
    this.lastDoc = doc;
    if (options?.weights === 'document') this.lastWeights = doc.weights;
    return this.call((api) => api.load(doc, options));
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
    this.worker.terminate();
  }
}

import { parseModelDocument, type ParseResult } from '../../model';

/** What the reader needs of a Worker: post the text, get one answer. */
export interface ParseWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

/** Reading and checking one document may take this long; past it the reader is stopped. */
export const PARSE_BUDGET_MS = 10_000;

export interface ParseOffThreadOptions {
  budgetMs?: number;
  /** The worker to read in; by default a fresh parse worker, or none where workers do not exist (then the text is read here). */
  createWorker?: (() => ParseWorkerLike) | null;
}

/** The answer of a parse worker: the reader's result, and how long reading and analysing took. */
export interface ParseAnswer {
  result: ParseResult;
  ms: number;
}

function defaultWorker(): (() => ParseWorkerLike) | null {
  if (typeof Worker === 'undefined') return null;
  return () => new Worker(new URL('../../../workers/parse.worker.ts', import.meta.url), { type: 'module', name: 'parse' }) as unknown as ParseWorkerLike;
}

const refused = (message: string): ParseResult => ({ ok: false, errors: [{ path: '$', message }] });

/**
 * Reads a document from untrusted text (an imported file, a share link) in a worker of its
 * own, so however large or tangled the text, the page keeps answering: a fresh worker per
 * document, ended when it answers or when the time budget runs out (the answer then says
 * so). Never rejects.
 */
export function parseDocumentOffThread(text: string, options: ParseOffThreadOptions = {}): Promise<ParseResult> {
  const create = options.createWorker === undefined ? defaultWorker() : options.createWorker;
  if (!create) return Promise.resolve(parseModelDocument(text));
  const budget = options.budgetMs ?? PARSE_BUDGET_MS;
  return new Promise<ParseResult>((resolve) => {
    let worker: ParseWorkerLike;
    try {
      worker = create();
    } catch {
      resolve(parseModelDocument(text));
      return;
    }
    let done = false;
    const finish = (r: ParseResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(
      () =>
        finish(
          refused(
            `Reading this document took longer than ${budget / 1000} s, so it was stopped; nothing was changed. A document this costly to check is probably not one Backprop Studio can use (see the limits in the model format).`,
          ),
        ),
      budget,
    );
    worker.addEventListener('message', (e) => finish((e as MessageEvent<ParseAnswer>).data.result));
    worker.addEventListener('error', (e) => {
      e.preventDefault?.();
      finish(refused('Reading this document stopped the reader (it ran out of memory or crashed); nothing was changed. The document is probably too large.'));
    });
    worker.postMessage(text);
  });
}

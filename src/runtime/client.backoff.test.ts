import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ModelDocument } from '../model';
import { exampleDocument } from '../model/testing/parse-helpers';
import { DocumentCrashedError, EngineClient, WorkerCrashedError, crashReason } from './client';
import { channelWorker } from './testing/channel-worker';

/**
 * A worker that dies is restarted with a back-off, and a document that kills it twice while
 * it loads is given up on: no endless restarts, the editor keeps working, and the user is
 * told which document and what happened.
 */

const example = (name = 'Spiral classifier'): ModelDocument => ({ ...exampleDocument('spiral.json'), name });

/** Workers as the factory made them; a load of a document named 'poison' kills the one it reaches, as an out-of-memory load does. */
function factory() {
  const workers: ReturnType<typeof channelWorker>[] = [];
  const create = () => {
    const w = channelWorker();
    const post = w.postMessage;
    w.postMessage = (m: unknown, t?: Transferable[]) => {
      const msg = m as { path?: string[] };
      if (msg?.path?.[0] === 'load' && JSON.stringify(m).includes('"poison"')) {
        setTimeout(() => w.crash('Uncaught RangeError: Array buffer allocation failed'), 0);
        return;
      }
      post(m, t);
    };
    workers.push(w);
    return w;
  };
  return { workers, create };
}

const clients: EngineClient[] = [];
afterEach(() => {
  clients.splice(0).forEach((c) => c.dispose());
  vi.restoreAllMocks();
});

function client(extra: Partial<ConstructorParameters<typeof EngineClient>[0]> = {}) {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const f = factory();
  const waits: number[] = [];
  const restarts: string[] = [];
  const gaveUp: string[] = [];
  const c = new EngineClient({
    createWorker: f.create,
    sleep: async (ms) => void waits.push(ms),
    onRestart: (r) => restarts.push(r),
    onDocumentCrash: (m) => gaveUp.push(m),
    ...extra,
  });
  clients.push(c);
  return { c, workers: f.workers, waits, restarts, gaveUp };
}

describe('EngineClient: crashes', () => {
  it('restarts once with a back-off after a document kills the worker, then gives the document up', async () => {
    const { c, workers, waits, restarts, gaveUp } = client();
    await c.load(example());
    const poison = example('poison');
    await expect(c.load(poison)).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect.poll(() => gaveUp.length).toBe(1);
    // Two crashes, two restarts, each after a wait that grew; then no more.
    expect(workers).toHaveLength(3);
    expect(waits).toEqual([250, 1000]);
    expect(restarts).toEqual([]);
    expect(gaveUp[0]).toBe(
      "The engine stopped twice while loading the model 'poison' (7 nodes) (it ran out of memory), so it was restarted without it. The model stays in the editor; change it (smaller layers, a smaller batch or dataset) to try again.",
    );
    expect(gaveUp[0]).not.toMatch(/RangeError|allocation failed/);
    await new Promise((r) => setTimeout(r, 50));
    expect(workers).toHaveLength(3);

    // Sending it again is refused without touching the engine.
    await expect(c.load(poison)).rejects.toBeInstanceOf(DocumentCrashedError);
    expect(workers).toHaveLength(3);
    // The editor goes on: the next model loads and runs in the third worker.
    const next = await c.load(example('edited'));
    expect(next.ok).toBe(true);
    expect((await c.call((api) => api.forward())).loss).toBeGreaterThan(0);
  });

  it('keeps the model across a crash elsewhere, re-sending it after the back-off', async () => {
    const { c, workers, waits, restarts, gaveUp } = client();
    await c.load(example());
    const pending = c.call((api) => api.forward());
    workers[0].crash('Uncaught TypeError: x is undefined');
    await expect(pending).rejects.toThrow('The engine stopped unexpectedly (it crashed); it has been restarted with your model.');
    await expect.poll(() => restarts).toEqual(['it crashed']);
    expect(waits).toEqual([250]);
    expect(gaveUp).toEqual([]);
    expect((await c.call((api) => api.forward())).loss).toBeGreaterThan(0);
    expect(workers).toHaveLength(2);
  });

  it('waits longer while crashes keep coming, up to a ceiling', async () => {
    const { c, workers, waits } = client();
    await c.load(example());
    for (let i = 0; i < 6; i++) {
      workers.at(-1)!.crash();
      await expect.poll(() => workers.length).toBe(i + 2);
      await c.call((api) => api.stepStatus());
    }
    expect(waits).toEqual([250, 1000, 4000, 10_000, 10_000, 10_000]);
  });

  it('lets a watchdog end a worker that hangs: recover(reason) restarts it with the model', async () => {
    const { c, workers, restarts } = client();
    await c.load(example());
    await c.recover('The model took longer than 5 s to answer');
    expect(workers[0].terminated).toBe(true);
    expect(restarts).toEqual(['The model took longer than 5 s to answer']);
    expect((await c.call((api) => api.forward())).loss).toBeGreaterThan(0);
  });

  it('calls made while a restart waits go to the new worker', async () => {
    let release!: () => void;
    const { c, workers } = client({ sleep: () => new Promise<void>((r) => (release = r)) });
    await c.load(example());
    workers[0].crash();
    const during = c.call((api) => api.stepStatus());
    await expect.poll(() => typeof release).toBe('function');
    release();
    expect((await during).total).toBeGreaterThan(0);
    expect(workers).toHaveLength(2);
  });

  it('words a crash for the user', () => {
    expect(crashReason('Uncaught RangeError: Invalid typed array length: 10000000000')).toBe('it ran out of memory');
    expect(crashReason('Uncaught TypeError: boom')).toBe('it crashed');
  });
});

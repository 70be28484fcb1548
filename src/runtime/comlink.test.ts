import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseModelDocument, type ModelDocument } from '../model';
import { EngineClient, WorkerCrashedError } from './client';
import { createWorkerApi, transferables, type WorkerApi } from './expose';
import type { TrainProgress } from './protocol';
import { channelWorker } from './testing/channel-worker';

function example(file: string): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

describe('the service over a MessageChannel (Comlink)', () => {
  it('round-trips calls, transfers result buffers and streams progress through a proxied callback', async () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(createWorkerApi(), port2 as unknown as Comlink.Endpoint);
    const api = Comlink.wrap<WorkerApi>(port1 as unknown as Comlink.Endpoint);
    open.push({ dispose: () => (port1.close(), port2.close()) });

    const doc = example('spiral.json');
    doc.training!.epochs = 2;
    const loaded = await api.load(doc, { weights: 'document' });
    expect(loaded.ok).toBe(true);
    // A tensor that does not exist yet (no backward pass) comes back as null, not an error.
    expect(await api.tensor('fc1', 'dIn')).toBeNull();
    const f = await api.forward();
    expect(f.nodes.fc1.values).toBeInstanceOf(Float32Array);
    expect(f.nodes.fc1.values!.length).toBe(32 * 32);
    expect(f.nodes.fc1.histogram.counts).toBeInstanceOf(Uint32Array);

    const progress: TrainProgress[] = [];
    const end = await api.train(Comlink.proxy((p: TrainProgress) => void progress.push(p)));
    expect(end!.reason).toBe('finished');
    // Progress travels on the proxy's own channel, so the last message may land after the result.
    await expect.poll(() => progress.some((p) => p.end)).toBe(true);
    expect(progress.at(-1)!.end).toEqual(end);
    expect(progress.at(-1)!.boundary!.classes).toBeInstanceOf(Uint16Array);
    expect(progress.at(-1)!.weights!.fc1.w).toBeInstanceOf(Float32Array);
    expect(progress.flatMap((p) => p.points).length).toBeGreaterThan(0);
  });

  it('lists every buffer under a result once, for transfer', () => {
    const a = new Float32Array(4);
    const b = new Uint8Array(2);
    expect(transferables({ a, nested: [{ b }, { again: a }], n: 3, s: 'x' })).toEqual([a.buffer, b.buffer]);
  });
});

describe('EngineClient', () => {
  afterEach(() => vi.restoreAllMocks());
  it('restarts a crashed worker, re-sends the document with its weights, and tells the UI', async () => {
    const workers: ReturnType<typeof channelWorker>[] = [];
    const restarts: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = new EngineClient({
      createWorker: () => {
        const w = channelWorker();
        workers.push(w);
        return w;
      },
      onRestart: (reason) => restarts.push(reason),
    });
    open.push(client);
    const doc = example('homework-mlp.json');
    await client.load(doc, { weights: 'document' });
    await client.call((api) => api.backward());
    const trained = await client.call((api) => api.getWeights());
    client.rememberWeights(trained);

    const pending = client.call((api) => api.forward());
    workers[0].crash();
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect.poll(() => restarts.length).toBe(1);
    // The browser's raw text (a RangeError here) goes to the console, not to the page.
    expect(restarts[0]).toBe('it crashed');
    expect(workers.length).toBe(2);
    expect(workers[0].terminated).toBe(true);

    // The new worker has the model: the same weights, and it runs.
    expect(await client.call((api) => api.getWeights())).toEqual(trained);
    const f = await client.call((api) => api.forward());
    expect(f.loss).toBeGreaterThan(0);
    expect(client.restarts).toBe(1);
  });
});

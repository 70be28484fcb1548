import { describe, expect, it } from 'vitest';
import { parseModelDocument } from '../../model/parse';
import { parseDocumentOffThread, type ParseWorkerLike } from './parse-off-thread';

/** A worker stand-in: answers as the parse worker does after `delayMs`, or never, or dies. */
function fakeWorker(behaviour: 'answer' | 'hang' | 'die', delayMs = 0) {
  const made: { terminated: boolean; posted: unknown[] }[] = [];
  const create = (): ParseWorkerLike => {
    const listeners: Record<string, ((e: Event) => void)[]> = { message: [], error: [] };
    const state = { terminated: false, posted: [] as unknown[] };
    made.push(state);
    return {
      addEventListener: (type, l) => listeners[type].push(l),
      terminate: () => (state.terminated = true),
      postMessage: (text) => {
        state.posted.push(text);
        setTimeout(() => {
          if (state.terminated) return;
          if (behaviour === 'answer') {
            const result = parseModelDocument(text);
            listeners.message.forEach((l) => l(Object.assign(new Event('message'), { data: { result, ms: 1 } })));
          } else if (behaviour === 'die') listeners.error.forEach((l) => l(Object.assign(new Event('error'), { message: 'Uncaught RangeError: Invalid string length' })));
        }, delayMs);
      },
    };
  };
  return { create, made };
}

const DOC = JSON.stringify({ format: 'backprop-studio/model', version: 1, name: 'shared', nodes: [{ id: 'in', type: 'Input', params: { features: 2 } }], edges: [] });

describe('parseDocumentOffThread', () => {
  it('reads the document in a worker of its own, and ends the worker', async () => {
    const w = fakeWorker('answer', 5);
    const r = await parseDocumentOffThread(DOC, { createWorker: w.create });
    expect(r.ok && r.doc.name).toBe('shared');
    expect(w.made).toHaveLength(1);
    expect(w.made[0].posted).toEqual([DOC]);
    expect(w.made[0].terminated).toBe(true);
  });

  it('hands back the reader’s problems as they are', async () => {
    const w = fakeWorker('answer');
    const r = await parseDocumentOffThread('{"format": 1', { createWorker: w.create });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0].message).toMatch(/not valid JSON: line 1, column 13/);
  });

  it('leaves the page free while the worker reads: the call returns at once', async () => {
    const w = fakeWorker('answer', 200);
    const t = performance.now();
    const pending = parseDocumentOffThread(DOC, { createWorker: w.create });
    expect(performance.now() - t).toBeLessThan(50);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await pending;
    clearInterval(timer);
    // The page's own timers kept running while the worker read.
    expect(ticks).toBeGreaterThan(5);
  });

  it('stops a reader that runs past its time budget, and says so', async () => {
    const w = fakeWorker('hang');
    const r = await parseDocumentOffThread(DOC, { createWorker: w.create, budgetMs: 100 });
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: '$',
          message:
            'Reading this document took longer than 0.1 s, so it was stopped; nothing was changed. A document this costly to check is probably not one Backprop Studio can use (see the limits in the model format).',
        },
      ],
    });
    expect(w.made[0].terminated).toBe(true);
  });

  it('answers a reader that died with a sentence, not the browser’s error', async () => {
    const w = fakeWorker('die');
    const r = await parseDocumentOffThread(DOC, { createWorker: w.create });
    expect(!r.ok && r.errors[0].message).toMatch(/^Reading this document stopped the reader \(it ran out of memory or crashed\)/);
    expect(JSON.stringify(r)).not.toMatch(/RangeError/);
  });

  it('reads on the page where there are no workers', async () => {
    const r = await parseDocumentOffThread(DOC, { createWorker: null });
    expect(r.ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { DocumentSync, LOAD_DEBOUNCE_MS } from './document-sync';

function setup() {
  const clock = new ManualClock();
  const doc = { key: 'a', lineage: 1 };
  const loads: { key: string; fresh: boolean }[] = [];
  const errors: unknown[] = [];
  let fail = false;
  const sync = new DocumentSync(
    {
      key: () => doc.key,
      lineage: () => doc.lineage,
      load: async (fresh) => {
        loads.push({ key: doc.key, fresh });
        if (fail) throw new Error('load failed');
      },
      onError: (e) => errors.push(e),
    },
    clock,
  );
  return { clock, doc, loads, errors, sync, setFail: (f: boolean) => (fail = f) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('DocumentSync: the engine kept on the editor’s document', () => {
  it('sends an edit after a quiet spell at once, and edits made together once', async () => {
    const { clock, doc, loads, sync } = setup();
    sync.schedule();
    doc.key = 'b';
    sync.schedule();
    clock.advance(0);
    await flush();
    expect(loads).toEqual([{ key: 'b', fresh: true }]);
  });

  it('sends a burst of edits once, after its last', async () => {
    const { clock, doc, loads, sync } = setup();
    clock.advance(1000);
    sync.schedule();
    clock.advance(0);
    await flush();
    for (const k of ['c', 'd', 'e']) {
      clock.advance(50);
      doc.key = k;
      sync.schedule();
      await flush();
    }
    expect(loads.map((l) => l.key)).toEqual(['a']);
    clock.advance(LOAD_DEBOUNCE_MS);
    await flush();
    expect(loads).toEqual([
      { key: 'a', fresh: true },
      { key: 'e', fresh: false },
    ]);
  });

  it('sends nothing for a change the engine does not care about; a new lineage is fresh', async () => {
    const { clock, doc, loads, sync } = setup();
    await sync.now();
    sync.schedule();
    clock.advance(LOAD_DEBOUNCE_MS);
    await sync.now();
    expect(loads).toHaveLength(1);
    expect(sync.current).toBe(true);
    doc.lineage = 2;
    expect(sync.current).toBe(false);
    await sync.now();
    expect(loads.at(-1)).toEqual({ key: 'a', fresh: true });
  });

  it('now() sends a pending edit at once; a failed load is reported and the next one still goes', async () => {
    const { clock, doc, loads, errors, sync, setFail } = setup();
    await sync.now();
    clock.advance(10);
    doc.key = 'b';
    sync.schedule();
    await sync.now();
    expect(loads.map((l) => l.key)).toEqual(['a', 'b']);
    setFail(true);
    doc.key = 'c';
    await expect(sync.now()).rejects.toThrow('load failed');
    clock.advance(1000);
    doc.key = 'd';
    sync.schedule();
    clock.advance(0);
    await flush();
    expect(errors).toHaveLength(1);
    setFail(false);
    doc.key = 'e';
    await sync.now();
    expect(loads.map((l) => l.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

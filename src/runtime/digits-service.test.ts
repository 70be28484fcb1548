import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelDocument, type ModelDocument } from '../model';
import type { DigitsProgress } from './datasets/digits';
import { EngineService } from './service';
import { fileDigitsSource } from './testing/digits-file';

function digitsExample(): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL('../../public/examples/digits.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

describe('EngineService: the digits', () => {
  it('fetches the digits only when a document asks for them, reporting bytes, then loads them', async () => {
    const source = fileDigitsSource();
    const s = new EngineService({ digits: source });
    const spiral = digitsExample();
    spiral.training = { ...spiral.training!, dataset: { ...spiral.training!.dataset, kind: 'spiral', samples: 300 } };
    s.load(spiral);
    expect(source.fetches).toBe(0);
    expect(await s.awaitData()).toBeNull();

    const first = s.load(digitsExample(), { weights: 'document' });
    expect(first.ok).toBe(false);
    expect(first.dataPending).toBe(true);
    expect(first.dataErrors[0].message).toMatch(/loading/);
    expect(() => s.forward()).toThrow(/loading/);
    const progress: DigitsProgress[] = [];
    const loaded = await s.awaitData((p) => progress.push(p));
    expect(progress.at(-1)?.loaded).toBe(7_850_016);
    expect(loaded!.ok).toBe(true);
    expect(loaded!.dataPending).toBe(false);
    expect(loaded!.dataset).toMatchObject({ name: 'digits', samples: 10_000, train: 8000, test: 2000, features: 784, classes: 10 });
    expect(loaded!.plan!.layers.map((l) => l.title)).toEqual(['Linear(784 → 128)', 'ReLU', 'Linear(128 → 10)', 'Cross-entropy loss']);
    expect(s.forward().batchSize).toBe(64);

    // Kept: another load does not fetch again.
    const again = s.load({ ...digitsExample(), seed: 7 });
    expect(again.ok).toBe(true);
    expect(source.fetches).toBe(1);
  });

  it('says so when there is no digits file, and reports a failed fetch without looping', async () => {
    const none = new EngineService();
    const r = none.load(digitsExample());
    expect(r.dataPending).toBe(false);
    expect(r.dataErrors[0].message).toMatch(/not available here/);

    const failing = new EngineService({ digits: { load: async () => Promise.reject(new Error('HTTP 404')) } });
    expect(failing.load(digitsExample()).dataPending).toBe(true);
    const after = await failing.awaitData();
    expect(after!.dataPending).toBe(false);
    expect(after!.dataErrors[0].message).toBe('The digits could not be loaded: HTTP 404');
  });

  it('trains the example to at least 95% test accuracy', async () => {
    const s = new EngineService({ digits: fileDigitsSource() });
    s.load(digitsExample(), { weights: 'document' });
    await s.awaitData();
    let best = 0;
    let epochAt95 = -1;
    const end = await s.train((p) => {
      for (const pt of p.points) {
        best = Math.max(best, pt.testAccuracy ?? 0);
        if (epochAt95 < 0 && (pt.testAccuracy ?? 0) >= 0.95) epochAt95 = pt.epoch;
      }
    });
    expect(end!.reason).toBe('finished');
    expect(best).toBeGreaterThanOrEqual(0.95);
    console.log(`digits example: best test accuracy ${best}, first ≥ 95% in epoch ${epochAt95 + 1}`);
  }, 240_000);
});

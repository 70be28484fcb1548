// @vitest-environment node
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { parseModelDocument, type ModelDocument } from '../../model';
import { connectedStores } from '../run/testing';
import { idleTraining } from '../run/run-data';
import { engineKey } from '../run/sync-key';
import { openKeyValueStore } from './idb';
import { decimate, LAST_RUN_KEY, MAX_SAVED_POINTS, previousRunView, restoreRunHistory, savedRun, startRunHistory } from './last-run';

function example(name: string, epochs: number): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL(`../../../public/examples/${name}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(name);
  r.doc.training!.epochs = epochs;
  return r.doc;
}
const spiral = (epochs: number) => example('spiral', epochs);

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

describe('the last run’s history', () => {
  it('decimates long series to a bound, keeping the first and the last point', () => {
    const long = Array.from({ length: 10_001 }, (_, i) => i);
    const d = decimate(long, 100);
    expect(d).toHaveLength(100);
    expect(d[0]).toBe(0);
    expect(d.at(-1)).toBe(10_000);
    expect(decimate([1, 2, 3], 100)).toEqual([1, 2, 3]);
  });

  it('reads back only a well-formed run of the same document', () => {
    const view = { ...idleTraining(), state: 'finished' as const, step: 30, epoch: 3 };
    view.curves.points.push({ step: 10, epoch: 1, trainLoss: 1, trainAccuracy: 0.5, testLoss: null, testAccuracy: null });
    const saved = savedRun(view, 'key', 1234);
    expect(previousRunView(saved, 'key')).toMatchObject({ state: 'finished', step: 30, previous: { savedAt: 1234 } });
    expect(previousRunView(saved, 'another document')).toBeNull();
    expect(previousRunView({ ...saved, points: 'nope' }, 'key')).toBeNull();
    expect(previousRunView({ ...saved, points: Array(MAX_SAVED_POINTS + 1).fill(saved.points[0]) }, 'key')).toBeNull();
    expect(previousRunView({ ...saved, boundary: { step: 1, resolution: 2, bounds: { min: [0, 0], max: [1, 1] }, classes: new Uint16Array(3), confidence: new Float32Array(4) } }, 'key')).toBeNull();
    expect(previousRunView(null, 'key')).toBeNull();
    const fit = { step: 30, features: 1 as const, resolution: 3, bounds: { min: [0], max: [1] }, prediction: new Float32Array([0.1, 0.2, 0.3]) };
    expect(previousRunView(savedRun({ ...view, fit }, 'key', 1), 'key')?.fit).toEqual(fit);
    expect(previousRunView({ ...saved, fit: { ...fit, prediction: new Float32Array(4) } }, 'key')).toBeNull();
    expect(previousRunView({ ...saved, fit: { ...fit, features: 2 } }, 'key')).toBeNull();
    // A run saved before fits were kept has none.
    const { fit: _none, ...older } = saved;
    void _none;
    expect(previousRunView(older, 'key')?.fit).toBeNull();
  });

  it("keeps a regression run's MSE, R² and fit across a reload", async () => {
    const kv = openKeyValueStore('last-run-regression-test', 'kv', new IDBFactory());
    const first = connectedStores(example('sine-regression', 3));
    disposers.push(first.dispose);
    const history = startRunHistory(first.run, first.editor, kv);
    await first.run.getState().syncNow();
    await first.run.getState().toggleTraining();
    await expect.poll(() => first.run.getState().training.state, { timeout: 20_000 }).toBe('finished');
    await expect.poll(async () => ((await kv.get(LAST_RUN_KEY)) as { step?: number } | undefined)?.step, { timeout: 5000 }).toBe(first.run.getState().training.step);
    history.stop();
    const trained = first.run.getState().training;
    const last = trained.curves.points.at(-1)!;
    expect(last.testLoss).toBeGreaterThan(0);
    expect(last.testR2).toEqual(expect.any(Number));
    expect(last.trainR2).toEqual(expect.any(Number));
    expect(trained.fit?.step).toBe(trained.step);

    const again = connectedStores({ ...example('sine-regression', 3), weights: first.editor.getState().weights });
    disposers.push(again.dispose);
    expect(await restoreRunHistory(again.run, again.editor, kv)).toBe(true);
    const shown = again.run.getState().training;
    expect(shown.previous?.savedAt).toBeGreaterThan(0);
    expect(shown.curves.points).toEqual(trained.curves.points);
    expect(shown).toMatchObject({ state: 'finished', step: trained.step, epoch: trained.epoch });
    // The status's MSE and R² are the last point's.
    expect(shown.curves.points.at(-1)).toMatchObject({ trainLoss: last.trainLoss, testLoss: last.testLoss, trainR2: last.trainR2, testR2: last.testR2 });
    expect(shown.fit).toEqual(trained.fit);
  });

  it('is saved at the end of a run and shown after a reload, marked as the previous session’s', async () => {
    const kv = openKeyValueStore('last-run-test', 'kv', new IDBFactory());
    const first = connectedStores(spiral(2));
    disposers.push(first.dispose);
    const history = startRunHistory(first.run, first.editor, kv);
    await first.run.getState().syncNow();
    await first.run.getState().toggleTraining();
    await expect.poll(() => first.run.getState().training.state, { timeout: 20_000 }).toBe('finished');
    await expect.poll(async () => ((await kv.get(LAST_RUN_KEY)) as { step?: number } | undefined)?.step, { timeout: 5000 }).toBe(first.run.getState().training.step);
    history.stop();
    const trained = first.run.getState().training;

    // A new page: the autosaved document (with its trained weights) and the saved history.
    const again = connectedStores({ ...spiral(2), weights: first.editor.getState().weights });
    disposers.push(again.dispose);
    expect(engineKey(again.editor.getState().doc)).toBe(engineKey(first.editor.getState().doc));
    expect(await restoreRunHistory(again.run, again.editor, kv)).toBe(true);
    const shown = again.run.getState().training;
    expect(shown.previous?.savedAt).toBeGreaterThan(0);
    expect(shown.state).toBe('finished');
    expect(shown.step).toBe(trained.step);
    expect(shown.curves.points).toEqual(trained.curves.points);
    expect(shown.boundary?.classes).toEqual(trained.boundary?.classes);

    // Training again starts this session's own run.
    again.editor.getState().setTraining({ ...again.editor.getState().doc.training!, epochs: 1 });
    await again.run.getState().toggleTraining();
    await expect.poll(() => again.run.getState().training.state, { timeout: 20_000 }).toBe('finished');
    expect(again.run.getState().training.previous).toBeUndefined();
    expect(again.run.getState().training.curves.points[0].step).toBeLessThan(trained.step);
  });
});

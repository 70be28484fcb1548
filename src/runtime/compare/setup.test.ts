import { describe, expect, it } from 'vitest';
import { encodeFloat32, EstimatorSchema } from '../../model';
import { EngineService } from '../service';
import { exampleSetup } from './fixtures';
import { comparisonSetup } from './setup';
import type { CompareProgress } from './types';

const est = (kind: 'backprop' | 'forward-gradient') => EstimatorSchema.parse({ kind });

describe('comparisonSetup', () => {
  it('starts from the initial weights the seed draws, whatever weights the document stores', () => {
    const { doc, split } = exampleSetup('spiral.json');
    const fresh = comparisonSetup(doc, split).initial.params().map((p) => Array.from(p.value.data));
    const stored = exampleSetup('spiral.json', (d) => {
      const filled = (shape: number[]) => ({ shape, dtype: 'float32' as const, data: encodeFloat32(new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5)) });
      d.weights = { fc1: { w: filled([32, 2]), b: filled([32]) } };
    });
    expect(stored.model.params()[0].value.data[0]).toBe(0.5);
    const again = comparisonSetup(stored.doc, stored.split).initial.params().map((p) => Array.from(p.value.data));
    expect(again).toEqual(fresh);
    const shifted = comparisonSetup({ ...doc, seed: doc.seed + 1 }, split).initial.params().map((p) => Array.from(p.value.data));
    expect(shifted).not.toEqual(fresh);
  });

  it('refuses a document without training settings', () => {
    const { doc, split } = exampleSetup('spiral.json');
    expect(() => comparisonSetup({ ...doc, training: undefined }, split)).toThrow('Comparing needs training settings: the document has none.');
  });
});

describe('EngineService.compare', () => {
  it('compares on the loaded document, leaving the model and its training run alone; training waits for it', async () => {
    const { doc } = exampleSetup('spiral.json');
    const s = new EngineService();
    expect(s.load(doc, { weights: 'document' }).ok).toBe(true);
    const before = s.getWeights();
    const messages: CompareProgress[] = [];
    const running = s.compare({ estimators: [est('backprop'), est('forward-gradient')], steps: 30, timeBudgetMs: 60_000, targetLoss: 0.5 }, (m) => messages.push(m));
    await expect(s.train(() => undefined)).rejects.toThrow('A comparison of gradient estimators is running; stop it first.');
    const r = await running;
    expect(r.tracks.map((t) => [t.kind, t.steps])).toEqual([['backprop', 30], ['forward-gradient', 30]]);
    expect(r.params).toBe(s.plan!.totalParams);
    expect(r.batchSize).toBe(doc.training!.batch_size);
    expect(s.getWeights()).toEqual(before);
    expect(messages.at(-1)!.done).toBe(true);
  });

  it('a comparison stops when an edit changes the model', async () => {
    const { doc } = exampleSetup('spiral.json');
    const s = new EngineService();
    s.load(doc, { weights: 'document' });
    const running = s.compare({ estimators: [est('backprop')], steps: 100_000, timeBudgetMs: 600_000, targetLoss: 0 }, () => undefined);
    await new Promise((r) => setTimeout(r, 30));
    s.load({ ...doc, seed: doc.seed + 1 });
    const r = await running;
    expect(r.cancelled).toBe(true);
    expect(r.tracks[0].end).toBe('cancelled');
  });
});

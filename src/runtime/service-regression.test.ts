import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../engine';
import { compileGraph, parseModelDocument, type ModelDocument } from '../model';
import type { TrainPoint } from './protocol';
import { EngineService } from './service';

function sineExample(): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL('../../public/examples/sine-regression.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

describe('EngineService: regression', () => {
  it('the noisy-sine example is 1 → 32 → 32 → 1 with TanH and an MSE loss, on the sine', () => {
    const s = new EngineService();
    const r = s.load(sineExample(), { weights: 'document' });
    expect(r.ok).toBe(true);
    expect(r.plan!.layers.map((l) => l.title)).toEqual(['Linear(1 → 32)', 'TanH', 'Linear(32 → 32)', 'TanH', 'Linear(32 → 1)', 'MSE loss']);
    expect(r.dataset).toMatchObject({ name: 'sine', features: 1, classes: 0, train: 240, test: 60, targetName: 'y' });
    const f = s.forward();
    expect(f.loss).toBeGreaterThan(0);
    expect(f.accuracy).toBeNull();
  });

  it('trains to R² ≥ 0.95 on its test split, and the reported R² and MSE are those of the final weights', async () => {
    const s = new EngineService();
    const doc = sineExample();
    s.load(doc, { weights: 'document' });
    const points: TrainPoint[] = [];
    const end = await s.train((p) => points.push(...p.points));
    expect(end!.reason).toBe('finished');
    const last = points[points.length - 1];
    expect(last.trainAccuracy).toBeNull();
    expect(last.testAccuracy).toBeNull();
    expect(last.testR2).toBeGreaterThanOrEqual(0.95);
    expect(last.trainR2).toBeGreaterThanOrEqual(0.95);

    // Recompute the test figures independently: the trained weights, the held-out points.
    const c = compileGraph({ ...doc, weights: s.getWeights() });
    if (!c.ok) throw new Error('does not compile');
    const pts = s.datasetPoints()!;
    const test = [...pts.isTest.keys()].filter((i) => pts.isTest[i]);
    const x = new Tensor(Float32Array.from(test, (i) => pts.x[i]), [test.length, 1]);
    let out = x;
    for (const l of c.model.layers.slice(0, -1)) out = l.eval().forward(out);
    const t = test.map((i) => pts.targets![i]);
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    const ssRes = t.reduce((a, v, k) => a + (out.data[k] - v) ** 2, 0);
    const ssTot = t.reduce((a, v) => a + (v - mean) ** 2, 0);
    expect(last.testLoss!).toBeCloseTo(ssRes / t.length, 5);
    expect(last.testR2!).toBeCloseTo(1 - ssRes / ssTot, 4);
  });

  it('sends the fit over the input line while training, instead of a decision boundary', async () => {
    const s = new EngineService();
    const doc = sineExample();
    doc.training!.epochs = 3;
    s.load(doc, { weights: 'document' });
    let fit = null as null | NonNullable<Parameters<Parameters<EngineService['train']>[0]>[0]['fit']>;
    let boundaries = 0;
    await s.train((p) => {
      if (p.fit) fit = p.fit;
      if (p.boundary) boundaries++;
    });
    expect(boundaries).toBe(0);
    expect(fit).toMatchObject({ features: 1, resolution: 200, step: 24 });
    expect(fit!.prediction.length).toBe(200);
  });

  it('pins classes fed to an MSE loss, numbers fed to a cross-entropy, and more than 1 output per target to the loss', () => {
    const s = new EngineService();
    const doc = sineExample();
    const classes = { ...doc, training: { ...doc.training!, dataset: { ...doc.training!.dataset, kind: 'spiral' as const } } };
    const a = s.load(classes);
    expect(a.ok).toBe(false);
    expect(a.dataDiagnostics.map((d) => d.nodeId)).toContain('loss');
    expect(a.dataDiagnostics.find((d) => d.nodeId === 'loss')!.message).toMatch(/MSE loss compares the outputs with numeric targets/);

    const ce = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'loss' ? { ...n, type: 'CrossEntropyLoss' as const } : n)) };
    ce.nodes.find((n) => n.id === 'fc3')!.params = { in_features: 32, out_features: 2 };
    const b = s.load(ce as ModelDocument);
    expect(b.dataDiagnostics.find((d) => d.nodeId === 'loss')!.message).toMatch(/numbers to fit \(regression\).*Use an MSE loss/);

    const wide = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'fc3' ? { ...n, params: { ...n.params, out_features: 3 } } : n)) };
    const c = s.load(wide as ModelDocument);
    expect(c.dataDiagnostics.find((d) => d.nodeId === 'loss')!.message).toMatch(/gives 3 outputs per sample: the MSE loss needs 1/);
    expect(() => s.forward()).toThrow(/No batch to run/);
  });
});

import { describe, expect, it } from 'vitest';
import { buildMlpGraph, compileGraph, defaultTraining, type ModelDocument } from '../model';
import { Tensor } from '../engine';
import { imageReport, imageSide, traceSample } from './image-report';
import { forwardAll } from './passes';
import type { Dataset } from './datasets';

function setup() {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 64, numClasses: 3, hiddenFeatures: [5], activation: 'tanh' });
  const doc: ModelDocument = { format: 'backprop-studio/model', version: 2, name: 't', seed: 3, nodes, edges, training: defaultTraining() } as ModelDocument;
  const c = compileGraph(doc);
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics));
  const n = 12;
  const x = Float32Array.from({ length: n * 64 }, (_, i) => ((i * 37) % 101) / 100);
  const y = Int32Array.from({ length: n }, (_, i) => i % 3);
  const data: Dataset = { name: 'img', features: 64, classes: 3, x, y, featureNames: [] };
  return { model: c.model, plan: c.plan, data };
}

describe('image report', () => {
  it('sees square images only', () => {
    expect(imageSide(784)).toBe(28);
    expect(imageSide(2)).toBeNull();
    expect(imageSide(100 + 1)).toBeNull();
  });

  it('predicts every test image, and the confusion matrix adds up to the accuracy', () => {
    const { model, plan, data } = setup();
    const r = imageReport(model, plan, data, 7, true)!;
    expect(r.side).toBe(8);
    expect(r.images!.length).toBe(12 * 64);
    expect(r.confusion.reduce((s, v) => s + v, 0)).toBe(12);
    const diag = [0, 1, 2].reduce((s, k) => s + r.confusion[k * 3 + k], 0);
    expect(r.accuracy).toBeCloseTo(diag / 12, 12);
    expect(r.firstLayer!.units).toBe(5);
    for (const c of r.confidence) expect(c).toBeGreaterThanOrEqual(1 / 3 - 1e-6);
  });

  it('traces one sample: its dL/dx matches central differences of its own loss', () => {
    const { model, plan, data } = setup();
    const t = traceSample(model, plan, data, 4);
    expect(t.label).toBe(1);
    expect(t.layers.map((l) => l.values.length)).toEqual([5, 5, 3]);
    const lossAt = (x: Float32Array) => {
      const copy = model.clone().eval();
      const tr = forwardAll(copy, new Tensor(x, [1, 64]), Int32Array.of(t.label));
      return tr.outputs[tr.outputs.length - 1].item();
    };
    expect(lossAt(t.input)).toBeCloseTo(t.loss, 6);
    const h = 1e-2;
    for (const j of [0, 17, 40, 63]) {
      const up = t.input.slice();
      const down = t.input.slice();
      up[j] += h;
      down[j] -= h;
      expect(t.saliency[j]).toBeCloseTo((lossAt(up) - lossAt(down)) / (2 * h), 3);
    }
    expect(() => traceSample(model, plan, data, 12)).toThrow(/no sample 12/);
  });
});

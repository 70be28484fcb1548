import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { CrossEntropyLoss, Linear, MLP, Sequential, Tensor, createRng, type Layer } from '../engine';
import { buildMlpGraph, compileGraph, defaultTraining, parseModelDocument, type ModelDocument } from '../model';
import type { StepReport, TrainProgress } from './protocol';
import { trainToBreakpoint } from './testing/breakpoint-run';
import { EngineService } from './service';
import { COURTESY_SLICE_MS } from './courtesy';

function example(file: string): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

function mlpDoc(hidden: number[], activation: 'relu' | 'sigmoid' = 'relu', edit?: (d: ModelDocument) => void): ModelDocument {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: hidden, activation });
  const training = defaultTraining();
  Object.assign(training.dataset, { kind: 'spiral', samples: 300, classes: 3, noise: 0.1, test_fraction: 0.2 });
  Object.assign(training.optimizer, { kind: 'adam', lr: 0.01 });
  Object.assign(training, { batch_size: 32, epochs: 100, update_every: 10 });
  const d: ModelDocument = { format: 'backprop-studio/model', version: 2, name: 'test', seed: 5, nodes, edges, training };
  edit?.(d);
  return d;
}

/** Trains to the end, collecting every progress message. */
async function trainAll(s: EngineService) {
  const messages: TrainProgress[] = [];
  const end = await s.train((p) => messages.push(p));
  return { end: end!, messages };
}

describe('EngineService: loading', () => {
  it('compiles the homework example and reports plan, dataset and no problems', () => {
    const s = new EngineService();
    const r = s.load(example('homework-mlp.json'), { weights: 'document' });
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect(r.plan!.layers.map((l) => l.title)).toEqual([
      'Linear(10 → 100)', 'ReLU', 'Linear(100 → 50)', 'ReLU', 'Linear(50 → 100)', 'ReLU', 'Linear(100 → 10)', 'Cross-entropy loss',
    ]);
    expect(r.dataset).toMatchObject({ samples: 100, features: 10, classes: 10, train: 100, test: 0 });
  });

  it('returns compile diagnostics and refuses to run a broken graph', () => {
    const s = new EngineService();
    const d = mlpDoc([4]);
    (d.nodes[1].params as Record<string, number>).in_features = 7;
    const r = s.load(d);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', nodeId: 'fc1', field: 'in_features' });
    expect(() => s.forward()).toThrow(/fix the problems/);
  });

  it('pins a regression loss fed class labels to the loss, and runs nothing', () => {
    const s = new EngineService();
    const d = mlpDoc([4], 'relu', (doc) => {
      const loss = doc.nodes.find((n) => n.type === 'CrossEntropyLoss')!;
      Object.assign(loss, { type: 'MSELoss' });
    });
    const r = s.load(d);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([]);
    expect(r.plan!.task).toBe('regression');
    expect(r.dataDiagnostics).toEqual([
      { severity: 'error', nodeId: 'loss', message: "The MSE loss compares the outputs with numeric targets, but the dataset 'spiral' has class labels. Use a Cross-entropy loss for it, or regression data." },
    ]);
    expect(() => s.forward()).toThrow(/No batch to run: The MSE loss compares/);
  });

  it('pins a dataset whose features or classes do not fit the model to the Input and the loss', () => {
    const s = new EngineService();
    const d = mlpDoc([4], 'relu', (doc) => {
      (doc.nodes[0].params as Record<string, number>).features = 3;
      (doc.nodes[1].params as Record<string, number>).in_features = 3;
      doc.training!.dataset.classes = 5;
    });
    const r = s.load(d);
    expect(r.ok).toBe(false);
    expect(r.dataDiagnostics).toEqual([
      expect.objectContaining({ nodeId: 'input', field: 'features', message: expect.stringMatching(/2 features per sample, but the Input takes 3/) }),
      expect.objectContaining({ nodeId: 'loss', message: expect.stringMatching(/5 classes, but the network gives 3 scores/) }),
    ]);
    expect(() => s.forward()).toThrow(/No batch/);
  });

  it('lists the errors of a bad CSV and keeps going with the model', () => {
    const s = new EngineService();
    const d = mlpDoc([4], 'relu', (doc) => {
      doc.training!.dataset.kind = 'csv';
      doc.training!.dataset.csv = { name: 'bad.csv', text: 'x1,x2,label\n1,2,0\n1,oops,1\n3,4\n' };
    });
    const r = s.load(d);
    expect(r.plan).not.toBeNull();
    expect(r.dataErrors.map((e) => e.row)).toEqual([3, 4]);
    expect(r.dataErrors[0].message).toMatch(/oops/);
    expect(r.dataErrors[1].message).toMatch(/2 .*3|3 .*2/);
  });

  it('keeps the trained weights of layers that did not change when one node is edited', async () => {
    const s = new EngineService();
    const d = mlpDoc([8, 8]);
    s.load(d, { weights: 'document' });
    d.training!.epochs = 1;
    s.load(d);
    await trainAll(s);
    const trained = s.getWeights();
    const edited = structuredClone(d);
    (edited.nodes[3].params as Record<string, number>).out_features = 6; // fc2: 8 → 6
    (edited.nodes[5].params as Record<string, number>).in_features = 6; // fc3: 6 → 3
    const r = s.load(edited);
    expect(r.keptWeights).toEqual(['fc1']);
    const now = s.getWeights();
    expect(now.fc1).toEqual(trained.fc1);
    expect(now.fc2.w.shape).toEqual([6, 8]);
    // A document's own weights replace them when asked.
    const fresh = new EngineService();
    fresh.load(edited, { weights: 'document' });
    expect(s.getWeights().fc1).not.toEqual(fresh.getWeights().fc1);
    s.load(edited, { weights: 'document' });
    expect(s.getWeights().fc1).toEqual(fresh.getWeights().fc1);
  });

  it('a move or a rename keeps the model, its weights and its training run', async () => {
    const s = new EngineService();
    const d = mlpDoc([8]);
    d.training!.epochs = 1;
    s.load(d);
    await trainAll(s);
    const before = s.getWeights();
    const moved = structuredClone(d);
    moved.nodes[1].position = { x: 500, y: 90 };
    moved.name = 'renamed';
    const r = s.load(moved);
    expect(r.trainedSteps).toBeGreaterThan(0);
    expect(s.getWeights()).toEqual(before);
  });
});

describe('EngineService: passes', () => {
  it('forward and backward equal the engine run directly on the same weights and batch', () => {
    const s = new EngineService();
    const doc = example('homework-mlp.json');
    s.load(doc, { weights: 'document' });
    const fwd = s.forward();
    const bwd = s.backward();

    // The reference: the engine's MLP with the compiled weights, on the same random batch.
    const compiled = compileGraph(doc);
    if (!compiled.ok) throw new Error('no compile');
    const mlp = new MLP(10, 10, [100, 50, 100], { rng: createRng(0) });
    const linears = compiled.model.layers.filter((l): l is Linear => l instanceof Linear);
    mlp.sequence.layers.filter((l): l is Linear => l instanceof Linear).forEach((l, i) => {
      l.w.data.set(linears[i].w.data);
      l.b.data.set(linears[i].b.data);
    });
    const ref = new Sequential(mlp, new CrossEntropyLoss());
    const pts = s.datasetPoints()!;
    const x = new Tensor(pts.x.slice(0, 100 * 10), [100, 10]);
    const y = pts.y.slice(0, 100);
    const loss = ref.forward(x, y).item();
    const dx = ref.backward();
    expect(fwd.loss).toBe(loss);
    expect(fwd.batchSize).toBe(100);
    expect(bwd.forward.loss).toBe(loss);
    expect(Array.from(bwd.nodes.fc1.dIn.preview ? [] : bwd.nodes.fc1.dIn.values!)).toEqual(Array.from(dx.data));
    const refParams = ref.params();
    expect(bwd.nodes.fc1.params[0].grad.norm).toBeCloseTo(Math.hypot(...refParams[0].grad.data), 10);
    expect(bwd.nodes.fc4.params[1].grad.values).toEqual(Float32Array.from(refParams[7].grad.data));
    // Every layer's dIn is the gradient that flows along its input edge.
    expect(bwd.edgeGradNorms.e1).toBe(bwd.nodes.fc1.gradNorm.input);
    expect(bwd.nodes.loss.dOut).toBeNull();
  });

  it('reports statistics, dead ReLUs and a downsampled view for large tensors', () => {
    const s = new EngineService();
    s.load(example('question-1.json'), { weights: 'document' });
    const f = s.forward();
    expect(f.nodes.input.shape).toEqual([64, 1024]);
    expect(f.nodes.input.values).toBeUndefined();
    expect(f.nodes.input.preview).toMatchObject({ rows: 64, cols: 64, rowStep: 1, colStep: 16 });
    expect(f.nodes.fc1.histogram.counts.reduce((a, b) => a + b, 0)).toBe(64 * 512);
    const m = new EngineService();
    m.load(mlpDoc([16]), { weights: 'document' });
    const relu = m.forward().nodes.relu1;
    expect(relu.zeros).toBeGreaterThan(0.2);
    expect(relu.zeros).toBe(Array.from(relu.values!).filter((v) => v === 0).length / relu.size);
  });

  it('step by step, one layer at a time, ends where a full pass does', () => {
    const a = new EngineService();
    const b = new EngineService();
    const doc = example('dropout-mlp.json');
    a.load(doc, { weights: 'document' });
    b.load(doc, { weights: 'document' });
    const full = a.backward();
    const reports: StepReport[] = [];
    expect(b.stepStatus().next).toBe('Forward 1/8: Linear(2 → 64)');
    for (let k = 0; k < 16; k++) reports.push(b.stepNext());
    expect(reports.map((r) => r.label)).toEqual([
      'Forward 1/8: Linear(2 → 64)', 'Forward 2/8: ReLU', 'Forward 3/8: Dropout(p=0.3)', 'Forward 4/8: Linear(64 → 64)',
      'Forward 5/8: ReLU', 'Forward 6/8: Dropout(p=0.3)', 'Forward 7/8: Linear(64 → 2)', 'Forward 8/8: Cross-entropy loss',
      'Backward 1/8: Cross-entropy loss', 'Backward 2/8: Linear(64 → 2)', 'Backward 3/8: Dropout(p=0.3)', 'Backward 4/8: ReLU',
      'Backward 5/8: Linear(64 → 64)', 'Backward 6/8: Dropout(p=0.3)', 'Backward 7/8: ReLU', 'Backward 8/8: Linear(2 → 64)',
    ]);
    expect(reports[7].loss).toBe(full.forward.loss);
    expect(reports.at(-1)!.done).toBe(true);
    for (const r of reports.filter((q) => q.phase === 'backward')) {
      expect(r.backward!.dIn.norm).toBe(full.nodes[r.nodeId].dIn.norm);
      expect(r.backward!.params.map((p) => p.grad.norm)).toEqual(full.nodes[r.nodeId].params.map((p) => p.grad.norm));
    }
    for (const r of reports.filter((q) => q.phase === 'forward')) expect(r.output!.norm).toBe(full.forward.nodes[r.nodeId].norm);
    expect(b.getWeights()).toEqual(a.getWeights());
    // One more step starts over.
    expect(b.stepNext().label).toBe('Forward 1/8: Linear(2 → 64)');
    expect(b.stepReset()).toEqual({ position: 0, total: 16, next: 'Forward 1/8: Linear(2 → 64)' });
  });

  it('looking at the network does not disturb the random stream of training', async () => {
    const a = new EngineService();
    const b = new EngineService();
    const doc = example('dropout-mlp.json');
    doc.training!.epochs = 2;
    a.load(doc, { weights: 'document' });
    b.load(doc, { weights: 'document' });
    b.forward();
    b.backward();
    b.stepNext();
    b.gradcheck();
    const ra = await trainAll(a);
    const rb = await trainAll(b);
    expect(rb.messages.flatMap((m) => m.points)).toEqual(ra.messages.flatMap((m) => m.points));
  });

  it('gradient checks pass on every layer, with the homework report', () => {
    const s = new EngineService();
    s.load(example('dropout-mlp.json'), { weights: 'document' });
    const g = s.gradcheck();
    expect(g.layers.length).toBe(8);
    expect(g.passed).toBe(true);
    expect(g.maxRelError).toBeLessThan(1e-6);
    expect(g.layers[0].report.split('\n').map((l) => l.slice(0, 18))).toEqual(['input    diff=0.000', 'param#01 diff=0.000', 'param#02 diff=0.000'].map((l) => l.slice(0, 18)));
  });

  it("gives the exact Jacobian figures of Question 1's layer on the current batch", () => {
    const s = new EngineService();
    s.load(example('question-1.json'), { weights: 'document' });
    const j = s.jacobian('fc1', 'input');
    expect(j.shape).toEqual([64, 512, 64, 1024]);
    expect(j.entries).toBe(2_147_483_648);
    expect(j.nonZeros * 64).toBe(j.entries);
    expect(j.bytesFloat32).toBe(8_589_934_592);
    expect(j.bytesUsed).toBeLessThan(16 * 2 ** 20);
    expect(j.dense).toBeUndefined();
    const jw = s.jacobian('fc1', 'w');
    expect(jw.shape).toEqual([64, 512, 512, 1024]);
    expect(jw.nonZeros * 512).toBe(jw.entries);
  });

  it('hands out tensors at full resolution up to a limit', () => {
    const s = new EngineService();
    s.load(example('homework-mlp.json'), { weights: 'document' });
    s.backward();
    const w = s.tensor('fc1', 'w')!;
    expect([w.rows, w.cols, w.rowStep, w.colStep]).toEqual([100, 10, 1, 1]);
    const dw = s.tensor('fc1', 'dw', 20)!;
    expect([dw.rows, dw.cols, dw.rowStep]).toEqual([20, 10, 5]);
    expect(s.tensor('relu1', 'w')).toBeNull();
  });
});

describe('EngineService: training', () => {
  it('trains a seeded 3-class spiral MLP to at least 95% training accuracy', async () => {
    const s = new EngineService();
    const d = mlpDoc([32, 32]);
    Object.assign(d.training!, { epochs: 200, update_every: 25 });
    d.training!.dataset.test_fraction = 0.2;
    s.load(d, { weights: 'document' });
    const { end, messages } = await trainAll(s);
    expect(end.reason).toBe('finished');
    const points = messages.flatMap((m) => m.points);
    const last = points.at(-1)!;
    expect(last.trainAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.testAccuracy).toBeGreaterThan(0.85);
    expect(points[0].trainLoss).toBeGreaterThan(last.trainLoss);
    expect(points.map((p) => p.step)).toEqual(points.map((_, i) => (i + 1) * 25).filter((st) => st <= last.step).concat(last.step % 25 ? [last.step] : []));
    const final = messages.at(-1)!;
    expect(final.state).toBe('finished');
    expect(final.boundary!.classes.length).toBe(100 * 100);
    expect(final.weights!.fc1.w.length).toBe(64);
    expect(Object.keys(messages.find((m) => m.snapshot)!.snapshot!.edgeGradNorms).sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
  });

  it('reproduces the same curve from the same document and seed, and another with another seed', async () => {
    const run = async (seed: number) => {
      const s = new EngineService();
      const d = example('dropout-mlp.json');
      d.seed = seed;
      d.training!.epochs = 5;
      s.load(d, { weights: 'document' });
      return (await trainAll(s)).messages.flatMap((m) => m.points);
    };
    const [a, b, c] = [await run(1), await run(1), await run(2)];
    expect(a.length).toBeGreaterThan(3);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('pause, resume and stop take effect within one step', async () => {
    const s = new EngineService();
    const d = mlpDoc([8]);
    Object.assign(d.training!, { epochs: 1000, update_every: 1 });
    s.load(d);
    const seen: TrainProgress[] = [];
    let pausedAt = -1;
    const done = s.train((p) => {
      seen.push(p);
      if (p.step >= 5 && pausedAt < 0) {
        s.pause();
        pausedAt = p.step;
      }
    });
    await expect.poll(() => s.training.state, { timeout: 10_000 }).toBe('paused');
    await expect.poll(() => seen.at(-1)!.state, { timeout: 10_000 }).toBe('paused');
    const pausedProgress = seen.at(-1)!;
    // Paused from inside the progress callback of step `pausedAt`: no further step ran.
    expect(pausedProgress.step).toBe(pausedAt);
    await new Promise((r) => setTimeout(r, 30));
    expect(seen.at(-1)!.step).toBe(pausedProgress.step);
    expect(() => s.forward()).not.toThrow();
    s.resume();
    await expect.poll(() => seen.at(-1)!.step, { timeout: 10_000 }).toBeGreaterThan(pausedProgress.step);
    s.stop();
    const end = await done;
    expect(end!.reason).toBe('stopped');
    expect(s.training.state).toBe('stopped');
  });

  it('pauses at a non-finite value, naming the layer and the tensor where it appeared', async () => {
    const s = new EngineService();
    const d = mlpDoc([16, 16]);
    Object.assign(d.training!.optimizer, { kind: 'sgd', lr: 1e30 });
    s.load(d);
    const { hit, messages, done } = await trainToBreakpoint(s);
    expect(['non-finite', 'divergence']).toContain(hit!.condition);
    if (hit!.condition === 'non-finite') expect(hit!.message).toMatch(/^\w+ \(.+\): its (weight|bias|activation|gradient of its .+) holds (NaN|-?Infinity) \(\d+ of \d+ values not finite\) at step \d+; the loss is \S+\.$/);
    else expect(hit!.message).toMatch(/^Training diverged at step \d+: the loss (became (NaN|Infinity)|reached \S+, over 1,000 times its lowest .*)/);
    expect(hit!.nodeId).toBeDefined();
    expect(messages.at(-1)!.state).toBe('paused');
    s.stop();
    expect((await done)!.reason).toBe('stopped');
  });

  it('stops at the target loss', async () => {
    const s = new EngineService();
    const d = mlpDoc([32]);
    Object.assign(d.training!, { epochs: 10_000, target_loss: 0.9, update_every: 5 });
    s.load(d);
    const { end, messages } = await trainAll(s);
    expect(end.reason).toBe('target');
    expect(messages.flatMap((m) => m.points).at(-1)!.trainLoss).toBeLessThanOrEqual(0.9);
  });

  it('an architecture change while training stops it and says so', async () => {
    const s = new EngineService();
    const d = mlpDoc([8]);
    d.training!.epochs = 10_000;
    s.load(d);
    const done = s.train(() => undefined);
    await new Promise((r) => setTimeout(r, 20));
    const edited = structuredClone(d);
    (edited.nodes[1].params as Record<string, number>).out_features = 9;
    const r = s.load(edited);
    expect(r.trainingStopped).toMatch(/architecture changed/);
    expect(r.trainedSteps).toBe(0);
    expect((await done)!.reason).toBe('stopped');
  });

  it('while the page is busy with a gesture, training rests twice as long as it works, reports and draws the boundary less, and trains the same', async () => {
    const run = async (courteous: boolean) => {
      const s = new EngineService();
      const d = mlpDoc([32, 32]);
      d.training!.epochs = 40;
      s.load(d, { weights: 'document' });
      s.setCourteous(courteous);
      const timers = vi.spyOn(globalThis, 'setTimeout');
      // A clock that ticks a millisecond whenever it is read: slices fill up however fast the machine.
      let t = 0;
      const clock = vi.spyOn(performance, 'now').mockImplementation(() => ++t);
      try {
        const { messages } = await trainAll(s);
        const rests = timers.mock.calls.map((c) => c[1] ?? 0).filter((ms) => ms >= COURTESY_SLICE_MS);
        return { points: messages.flatMap((m) => m.points), rests, boundaries: messages.map((m) => !!m.boundary), messages: messages.length };
      } finally {
        timers.mockRestore();
        clock.mockRestore();
      }
    };
    const busy = await run(true);
    const free = await run(false);
    expect(busy.rests.length).toBeGreaterThan(0);
    // Each slice is at least COURTESY_SLICE_MS of work, and its rest twice that.
    expect(Math.min(...busy.rests)).toBeGreaterThanOrEqual(2 * COURTESY_SLICE_MS);
    expect(free.rests).toEqual([]);
    expect(busy.points.length).toBeGreaterThan(3);
    expect(busy.points).toEqual(free.points);
    // Every point arrives, in fewer messages (at most one a second instead of ten).
    expect(busy.messages * 4).toBeLessThan(free.messages);
    // The decision boundary waits for the gesture's end (the last message always has one).
    expect(busy.boundaries.slice(0, -1).some(Boolean)).toBe(false);
    expect(busy.boundaries.at(-1)).toBe(true);
    expect(free.boundaries.slice(0, -1).some(Boolean)).toBe(true);
  });

  it('reset weights draws them again from the seed and forgets the run', async () => {
    const s = new EngineService();
    const d = mlpDoc([8]);
    d.training!.epochs = 1;
    s.load(d, { weights: 'document' });
    const initial = s.getWeights();
    await trainAll(s);
    expect(s.getWeights()).not.toEqual(initial);
    s.resetWeights();
    expect(s.getWeights()).toEqual(initial);
    expect(s.training.run).toBeNull();
  });
});

// Keeps `Layer` referenced for readers of the reference above.
export type { Layer };

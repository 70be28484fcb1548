import { describe, expect, it } from 'vitest';
import { buildMlpGraph, defaultTraining, type ModelDocument } from '../model';
import type { TrainProgress } from './protocol';
import { EngineService } from './service';

function spiralDoc(): ModelDocument {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [16], activation: 'relu' });
  const training = defaultTraining();
  Object.assign(training.dataset, { kind: 'spiral', samples: 120, classes: 3, noise: 0.1, test_fraction: 0.2 });
  Object.assign(training, { batch_size: 16, epochs: 4, update_every: 3 });
  return { format: 'backprop-studio/model', version: 2, name: 'speed', seed: 11, nodes, edges, training };
}

async function train(setSpeeds?: (s: EngineService, p: TrainProgress) => void) {
  const s = new EngineService();
  s.load(spiralDoc(), { weights: 'document' });
  const messages: TrainProgress[] = [];
  const started = performance.now();
  const end = await s.train((p) => {
    messages.push(p);
    setSpeeds?.(s, p);
  });
  return { end: end!, messages, ms: performance.now() - started, weights: s.getWeights(), points: messages.flatMap((m) => m.points), norms: messages.flatMap((m) => m.gradNorms) };
}

describe('EngineService: training speed', () => {
  it('gives the same curve, gradient norms and weights at every speed, changed during the run', async () => {
    const full = await train();
    expect(full.end.reason).toBe('finished');
    const steps = full.end.step;
    expect(steps).toBe(24);
    const paced = await train((s, p) => {
      // Slow, then faster, then full speed, then paced again, as a user dragging the control would.
      if (p.step === 0) s.setSpeed(40);
      else if (p.step === 6) s.setSpeed(200);
      else if (p.step === 12) s.setSpeed('full');
      else if (p.step === 15) s.setSpeed(100);
    });
    expect(paced.points).toEqual(full.points);
    expect(paced.norms).toEqual(full.norms);
    expect(paced.weights).toEqual(full.weights);
    expect(paced.end).toEqual(full.end);
  });

  it('spaces steps out at a paced speed, and reports every step with its figures when slow enough to watch', async () => {
    const s = new EngineService();
    s.load(spiralDoc(), { weights: 'document' });
    s.setSpeed(50);
    const messages: TrainProgress[] = [];
    const started = performance.now();
    await s.train((p) => messages.push(p));
    const ms = performance.now() - started;
    // 24 steps at 50 a second: 23 intervals of 20 ms.
    expect(ms).toBeGreaterThan(23 * 20 * 0.9);
    // Slow enough to watch (10 a second): a message with the figures after every step.
    const slow = new EngineService();
    const doc = spiralDoc();
    doc.training!.epochs = 1;
    slow.load(doc, { weights: 'document' });
    slow.setSpeed(10);
    const watched: TrainProgress[] = [];
    await slow.train((p) => watched.push(p));
    expect(watched.filter((m) => m.snapshot).map((m) => m.snapshot!.step)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a speed that is not one', () => {
    const s = new EngineService();
    expect(() => s.setSpeed(0)).toThrow(/training speed/);
    expect(() => s.setSpeed(Number.NaN)).toThrow(/training speed/);
  });
});

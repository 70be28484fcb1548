/*
 * The digits example (784 → 128 → 10, Adam, batch 64, on the fixed 8,000 / 2,000 split):
 *  - time to 95% test accuracy in the worker's training loop (Training, as the worker runs it:
 *    progress, test evaluation every `update_every` steps, live snapshots), from Train to
 *    the first point at or over 95%;
 *  - seconds per epoch (125 steps) of the bare steps, in the engine and in TensorFlow.js
 *    (wasm, SIMD, one thread; weights in its natural [in, out] layout), the same batches in
 *    the same order from the same initial weights, in the same run.
 *
 *   npx tsx bench/digits.bench.ts [--quick]
 */
import { readFileSync } from 'node:fs';
import { parseModelDocument } from '../src/model';
import { EngineService } from '../src/runtime';
import { TrainingRun, gather } from '../src/runtime/trainer';
import { fileDigitsSource } from '../src/runtime/testing/digits-file';
import { compileGraph } from '../src/model';
import { createRng } from '../src/engine';
import { digitsDataset, decodeDigits, splitDigits } from '../src/runtime/datasets/digits';
import { digitsFileBytes } from '../src/runtime/testing/digits-file';
import { tfMlpStep, useBackend } from './tfjs-step';

const quick = process.argv.includes('--quick');
const parsed = parseModelDocument(readFileSync(new URL('../public/examples/digits.json', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('digits example does not parse');
const doc = parsed.doc;

async function timeTo95(): Promise<{ ms: number; epoch: number; best: number }> {
  const s = new EngineService({ digits: fileDigitsSource() });
  s.load(doc, { weights: 'document' });
  await s.awaitData();
  let t0 = 0;
  let hit: { ms: number; epoch: number } | null = null;
  let best = 0;
  t0 = performance.now();
  await s.train((p) => {
    for (const pt of p.points) {
      best = Math.max(best, pt.testAccuracy ?? 0);
      if (!hit && (pt.testAccuracy ?? 0) >= 0.95) {
        hit = { ms: performance.now() - t0, epoch: pt.epoch + pt.step / 125 - Math.floor(pt.step / 125) };
        s.stop();
      }
    }
  });
  if (!hit) throw new Error(`the example did not reach 95% (best ${best})`);
  const h = hit as { ms: number; epoch: number };
  return { ms: h.ms, epoch: h.epoch, best };
}

async function epochSeconds(epochs: number): Promise<{ engine: number; tfjs: number; backend: string; lossEngine: number; lossTf: number }> {
  const split = splitDigits(digitsDataset(decodeDigits(digitsFileBytes())), 10_000);
  const c = compileGraph(doc);
  if (!c.ok) throw new Error('digits example does not compile');
  const t = doc.training!;
  const initial = c.model.layers.flatMap((l) => l.params()).map((p) => Float32Array.from(p.value.data));
  const run = new TrainingRun(c.model, c.plan, split.train, t, doc.seed);
  const bs = t.batch_size;
  const steps = epochs * Math.ceil(split.train.y.length / bs);
  // The batches the engine's run takes (TrainingRun's seeded shuffle, drawn the same way), so tfjs takes the same ones.
  const rng = createRng((doc.seed ^ 0x74726169) >>> 0);
  const order: Int32Array[] = [];
  for (let e = 0; e < epochs; e++) {
    const a = Int32Array.from({ length: split.train.y.length }, (_, i) => i);
    for (let i = a.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    order.push(a);
  }

  let lossEngine = 0;
  const e0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const r = run.runStep();
    if ('hit' in r) throw new Error(r.hit.message);
    lossEngine = r.loss;
  }
  const engine = (performance.now() - e0) / 1000 / epochs;

  const backend = await useBackend('wasm');
  const lin = c.plan.layers.filter((l) => l.type === 'Linear');
  const weights = lin.map((_, k) => ({ w: initial[2 * k], b: initial[2 * k + 1], shape: [initial[2 * k + 1].length, initial[2 * k].length / initial[2 * k + 1].length] as [number, number] }));
  const first = gather(split.train, order[0], 0, bs);
  const o = t.optimizer;
  const tfs = tfMlpStep(weights, first.x.data as Float32Array, [bs, 784], first.y as Int32Array, 10, { kind: 'adam', lr: o.lr, beta1: o.beta1, beta2: o.beta2, eps: o.eps });
  let lossTf = 0;
  const t0 = performance.now();
  for (let e = 0; e < epochs; e++) {
    for (let from = 0; from < split.train.y.length; from += bs) {
      const b = gather(split.train, order[e], from, Math.min(from + bs, split.train.y.length));
      tfs.setBatch(b.x.data as Float32Array, b.y as Int32Array);
      lossTf = tfs.step();
    }
  }
  const tfjs = (performance.now() - t0) / 1000 / epochs;
  tfs.dispose();
  return { engine, tfjs, backend, lossEngine, lossTf };
}

const r95 = await timeTo95();
console.log(`digits example, worker's training loop: 95% test accuracy after ${(r95.ms / 1000).toFixed(1)} s (epoch ${r95.epoch.toFixed(1)})`);
const ep = await epochSeconds(quick ? 1 : 3);
console.log(`digits, s/epoch (125 steps of 64, Adam): engine ${ep.engine.toFixed(3)} s · tfjs ${ep.backend} ${ep.tfjs.toFixed(3)} s (${(ep.tfjs / ep.engine).toFixed(1)}× the engine's time); last batch loss engine ${ep.lossEngine.toFixed(4)}, tfjs ${ep.lossTf.toFixed(4)}`);

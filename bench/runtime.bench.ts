/**
 * Training throughput of the spiral example through the engine service (the loop the
 * worker runs: yields between steps, progress, evaluation, decision boundary) against
 * the same steps in a bare engine loop, in the same process. Run: npx tsx bench/runtime.bench.ts
 */
import { readFileSync } from 'node:fs';
import { CrossEntropyLoss, SGD, Adam, Tensor, type Sequential } from '../src/engine';
import { compileGraph, parseModelDocument } from '../src/model';
import { EngineService } from '../src/runtime';
import { prepareDataset } from '../src/runtime/datasets';

const parsed = parseModelDocument(readFileSync(new URL('../public/examples/spiral.json', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('spiral example does not parse');
const doc = parsed.doc;
const EPOCHS = 300;
doc.training!.epochs = EPOCHS;

async function viaService(): Promise<{ steps: number; ms: number; messages: number }> {
  const s = new EngineService();
  s.load(doc, { weights: 'document' });
  let messages = 0;
  const t0 = performance.now();
  const end = await s.train(() => void messages++);
  return { steps: end!.step, ms: performance.now() - t0, messages };
}

function bare(): { steps: number; ms: number } {
  const c = compileGraph(doc);
  if (!c.ok) throw new Error('spiral does not compile');
  const model: Sequential = c.model;
  const data = prepareDataset(doc.training!.dataset, doc.seed);
  if (!data.ok) throw new Error('no data');
  const train = data.split.train;
  const opt = doc.training!.optimizer.kind === 'adam' ? new Adam(model.params(), { lr: doc.training!.optimizer.lr }) : new SGD(model.params(), { lr: 0.01 });
  const bs = doc.training!.batch_size;
  const n = train.y.length;
  const f = train.features;
  let steps = 0;
  const t0 = performance.now();
  for (let e = 0; e < EPOCHS; e++) {
    for (let i = 0; i < n; i += bs) {
      const m = Math.min(bs, n - i);
      const x = new Tensor(train.x.slice(i * f, (i + m) * f), [m, f]);
      model.forward(x, train.y.subarray(i, i + m));
      model.zeroGrad();
      model.backward();
      opt.step();
      steps++;
    }
  }
  void CrossEntropyLoss;
  return { steps, ms: performance.now() - t0 };
}

bare();
await viaService();
const b = bare();
const s = await viaService();
const rate = (r: { steps: number; ms: number }) => (r.steps / r.ms) * 1000;
console.log('Training the spiral example (2-32-32-3, Adam, batch 32), steps per second');
console.log(`  bare engine loop          ${rate(b).toFixed(0).padStart(8)} steps/s`);
console.log(`  through the service       ${rate(s).toFixed(0).padStart(8)} steps/s   (${s.messages} progress messages in ${(s.ms / 1000).toFixed(2)} s)`);
console.log(`  service / bare            ${(rate(s) / rate(b)).toFixed(2)}×`);

/*
 * "Is backprop required?" — the cost of one gradient estimate (one batch, every parameter)
 * by each estimator, next to backprop, on the spiral example (2-32-32-3) and the homework
 * MLP (10-100-50-100-10), float32, in one process. Prints ms per estimate, forward-pass
 * equivalents counted while it ran, both as ratios to backprop, and how well the estimate
 * points along backprop's gradient.
 *
 *   npx tsx bench/estimators.bench.ts            both models
 *   npx tsx bench/estimators.bench.ts --quick    shorter timing (for a smoke run)
 */
import { readFileSync } from 'node:fs';
import { Linear, Tensor, type Sequential } from '../src/engine';
import { wasmGemmAvailable } from '../src/engine/gemm-wasm';
import { compileGraph, parseModelDocument } from '../src/model';
import { prepareDataset } from '../src/runtime/datasets';
import { createEstimator, cosineSimilarity, estimatorName, gradientsOf, type Estimate, type EstimatorSpec } from '../src/runtime/estimators';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 2 : 5;
const ROUND_MS = quick ? 100 : 300;
/** An estimator slower than this per round gets fewer rounds (at least one). */
const BUDGET_MS = quick ? 2_000 : 12_000;

const SPECS: { label: string; spec: EstimatorSpec }[] = [
  { label: 'backprop', spec: { kind: 'backprop' } },
  { label: 'forward gradient, k = 1', spec: { kind: 'forward-gradient', tangents: 1, seed: 1 } },
  { label: 'forward gradient, k = 16', spec: { kind: 'forward-gradient', tangents: 16, seed: 1 } },
  { label: 'SPSA, 1 sample', spec: { kind: 'spsa', samples: 1, seed: 1 } },
  { label: 'SPSA, 16 samples', spec: { kind: 'spsa', samples: 16, seed: 1 } },
  { label: 'forward mode (exact)', spec: { kind: 'forward-mode' } },
  { label: 'finite differences', spec: { kind: 'finite-differences' } },
];

function load(file: string): { name: string; model: Sequential; x: Tensor; y: Int32Array } {
  const parsed = parseModelDocument(readFileSync(new URL(`../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const doc = parsed.doc;
  const c = compileGraph(doc);
  if (!c.ok) throw new Error(`${file} does not compile`);
  const linears = c.model.layers.filter((l): l is Linear => l instanceof Linear);
  const shape = { features: linears[0].inFeatures, classes: linears[linears.length - 1].outFeatures };
  const data = prepareDataset(doc.training!.dataset, doc.seed, shape);
  if (!data.ok) throw new Error(`${file}: no data`);
  const train = data.split.train;
  const n = Math.min(doc.training!.batch_size, train.y.length);
  const f = train.features;
  const sizes = [shape.features, ...linears.map((l) => l.outFeatures)].join('-');
  return { name: `${doc.name} (${sizes})`, model: c.model, x: new Tensor(train.x.slice(0, n * f), [n, f]), y: train.y.slice(0, n) };
}

/** Steps that take about `ms` (at least one), after one untimed step. */
function calibrate(step: () => void, ms: number): number {
  step();
  const t0 = performance.now();
  let n = 0;
  while (n === 0 || performance.now() - t0 < ms) {
    step();
    n++;
  }
  return Math.max(1, Math.ceil((ms * n) / (performance.now() - t0)));
}

function round(step: () => void, steps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  return (performance.now() - t0) / steps;
}

/**
 * ms per step of an estimator and of backprop, timed in alternating rounds (so a neighbour's
 * load hits both alike); each keeps its fastest round. `firstMs` is the time of a step already
 * run: an estimator slower than a round counts it as its first round, one step per round, and
 * gets as many more rounds as the budget holds.
 */
function timePair(est: () => void, base: () => void, firstMs: number): [number, number] {
  const nb = calibrate(base, ROUND_MS);
  const slow = firstMs >= ROUND_MS;
  const na = slow ? 1 : calibrate(est, ROUND_MS);
  let ta = slow ? firstMs : Infinity, tb = round(base, nb);
  const more = slow ? Math.min(ROUNDS, Math.floor(BUDGET_MS / firstMs)) - 1 : ROUNDS;
  for (let r = 0; r < more; r++) {
    ta = Math.min(ta, round(est, na));
    tb = Math.min(tb, round(base, nb));
  }
  return [ta, tb];
}

function main(): void {
  console.log(`gradient estimators vs backprop — one estimate of every parameter's gradient on one batch, float32; node ${process.version}`);
  console.log(`engine gemm: ${wasmGemmAvailable() ? 'WebAssembly SIMD' : 'JavaScript'}`);
  for (const file of ['spiral.json', 'homework-mlp.json']) {
    const { name, model, x, y } = load(file);
    const P = model.params().reduce((s, p) => s + p.value.size, 0);
    const backprop = createEstimator({ kind: 'backprop' });
    const truth = model.clone();
    const base: Estimate = backprop.estimate(truth, x, y);
    const g = gradientsOf(truth);
    const baseStep = () => void backprop.estimate(truth, x, y);
    // Past the JIT's warm-up before anything is timed.
    round(baseStep, calibrate(baseStep, 4 * ROUND_MS));
    console.log(`\n${name}: P = ${P} parameters, batch ${x.shape[0]}`);
    const rows: string[][] = [];
    for (const { label, spec } of SPECS) {
      const est = createEstimator(spec);
      const m = model.clone();
      const t0 = performance.now();
      const e = est.estimate(m, x, y);
      const firstMs = performance.now() - t0;
      const cos = cosineSimilarity(gradientsOf(m), g);
      const exact = spec.kind === 'backprop' || spec.kind === 'forward-mode';
      if (exact && !(cos > 0.99999)) throw new Error(`${name}: ${estimatorName(spec.kind)} disagrees with backprop (cos ${cos})`);
      let [ms, bms] = timePair(() => void est.estimate(m, x, y), baseStep, firstMs);
      // Backprop against itself: one figure, the faster of the two.
      if (spec.kind === 'backprop') ms = bms = Math.min(ms, bms);
      const feq = e.cost.forwardEquivalents;
      const fmtMs = (v: number) => (v < 10 ? v.toFixed(3) : v.toFixed(0));
      rows.push([
        label,
        fmtMs(ms),
        fmtMs(bms),
        `${(ms / bms).toFixed(ms / bms < 10 ? 2 : 0)}×`,
        Number.isInteger(feq) ? String(feq) : feq.toFixed(2),
        `${(feq / base.cost.forwardEquivalents).toFixed(feq / base.cost.forwardEquivalents < 10 ? 2 : 0)}×`,
        cos.toFixed(4),
      ]);
    }
    const head = ['estimator', 'ms/step', 'backprop ms', 'time ÷ backprop', 'forward-equiv.', 'f-eq ÷ backprop', 'cos(ĝ, ∇L)'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
    console.log(fmt(head));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) console.log(fmt(r));
  }
  console.log('\nms per estimate; each estimator was timed in alternating rounds with backprop (fastest round of each kept),');
  console.log('"backprop ms" is backprop in those same rounds, and time ÷ backprop the ratio of the pair;');
  console.log('forward-equivalents counted while it ran: forward pass 1, JVP 1 (tangents only), backward 2;');
  console.log('cos(ĝ, ∇L): cosine between one estimate and backprop\'s gradient (1 = same direction).');
}

main();

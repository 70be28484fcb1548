/*
 * One training step (forward, cross-entropy, backward, SGD update; float32) of ReLU MLPs,
 * in the engine and in TensorFlow.js (cpu and wasm backends), in one process with the
 * same weights and data. Prints ms/step and the engine's speed-up over each.
 *
 *   npm run bench                 all models
 *   npm run bench -- --quick      shorter timing (for a smoke run)
 */
import { CrossEntropyLoss, Linear, MLP, SGD, Tensor, createRng } from '../src/engine';
import { wasmGemmAvailable } from '../src/engine/gemm-wasm';
import { tfMlpStep, tfTensorCount, useBackend, type TfBackend } from './tfjs-step';

interface Case {
  name: string;
  sizes: number[];
  batch: number;
}

const CASES: Case[] = [
  { name: '2-16-16-2', sizes: [2, 16, 16, 2], batch: 32 },
  { name: '784-256-128-10', sizes: [784, 256, 128, 10], batch: 128 },
  { name: '1024-512-512-10', sizes: [1024, 512, 512, 10], batch: 64 },
];

const LR = 0.01;
const quick = process.argv.includes('--quick');
/** Timed rounds per implementation, and the length of one round. */
const ROUNDS = quick ? 3 : 7;
const ROUND_MS = quick ? 100 : 300;
const WARMUP_MS = quick ? 100 : 500;

/** Steps that take about `ms`, after running the step for a while to let the JIT settle. */
function calibrate(step: () => void, ms: number): number {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < WARMUP_MS) {
    step();
    n++;
  }
  return Math.max(3, Math.ceil((ms * n) / (performance.now() - t0)));
}

function round(step: () => void, steps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  return (performance.now() - t0) / steps;
}

/**
 * ms/step of two implementations, timed in alternating rounds (so a neighbour's load hits
 * both alike); each keeps its fastest round, the least disturbed one.
 */
function timePair(a: () => void, b: () => void): [number, number] {
  const na = calibrate(a, ROUND_MS);
  const nb = calibrate(b, ROUND_MS);
  let ta = Infinity, tb = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    ta = Math.min(ta, round(a, na));
    tb = Math.min(tb, round(b, nb));
  }
  return [ta, tb];
}

function setup(c: Case) {
  const rng = createRng(1234);
  const [inF, ...rest] = c.sizes;
  const classes = rest[rest.length - 1];
  const mlp = new MLP(inF, classes, rest.slice(0, -1), { activation: 'relu', rng, wstd: 0.05 });
  const x = Tensor.randn([c.batch, inF], rng);
  const labels = Int32Array.from({ length: c.batch }, () => rng.int(classes));
  return { mlp, x, labels, classes };
}

function engineStep(c: Case) {
  const { mlp, x, labels } = setup(c);
  const loss = new CrossEntropyLoss();
  const opt = new SGD(mlp.params(), { lr: LR });
  let last = 0;
  const step = (): void => {
    opt.zeroGrad();
    const out = mlp.forward(x);
    last = loss.forward(out, labels).item();
    mlp.backwardParams(loss.backward());
    opt.step();
  };
  return { step, loss: () => last, mlp };
}

async function tfjsStep(c: Case, backend: TfBackend) {
  const label = await useBackend(backend);
  const { mlp, x, labels, classes } = setup(c);
  const linears = mlp.sequence.layers.filter((l): l is Linear => l instanceof Linear);
  const weights = linears.map((l) => ({
    w: l.w.data as Float32Array,
    b: l.b.data as Float32Array,
    shape: [l.outFeatures, l.inFeatures] as [number, number],
  }));
  const s = tfMlpStep(weights, x.data as Float32Array, [c.batch, c.sizes[0]], labels, classes, LR);
  return { s, label };
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(a[i]), Math.abs(b[i]));
  }
  return m === 0 ? 0 : d / m;
}

/** Both implementations take the same first steps: same losses and the same weights after. */
async function agree(c: Case, backend: TfBackend): Promise<number> {
  const e = engineStep(c);
  const { s } = await tfjsStep(c, backend);
  let worst = 0;
  for (let i = 0; i < 3; i++) {
    e.step();
    const lt = s.step();
    worst = Math.max(worst, Math.abs(e.loss() - lt) / Math.max(1, Math.abs(lt)));
  }
  const ew = e.mlp.params().map((p) => p.value.data);
  s.weights().forEach((w, i) => (worst = Math.max(worst, maxRelDiff(ew[i], w))));
  s.dispose();
  if (!(worst < 1e-4)) throw new Error(`${c.name}: engine and tfjs-${backend} disagree after 3 steps (max relative difference ${worst})`);
  return worst;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cases = only.length ? CASES.filter((c) => only.includes(c.name)) : CASES;
  console.log(`engine vs TensorFlow.js — one SGD training step, float32, ReLU MLP; node ${process.version}`);
  console.log(`engine gemm: ${wasmGemmAvailable() ? 'WebAssembly SIMD' : 'JavaScript'}`);
  const rows: string[][] = [];
  for (const c of cases) {
    const e = engineStep(c);
    const row = [c.name, String(c.batch)];
    for (const backend of ['cpu', 'wasm'] as const) {
      const diff = await agree(c, backend);
      const { s, label } = await tfjsStep(c, backend);
      s.step();
      const before = tfTensorCount();
      const [me, mt] = timePair(e.step, () => void s.step());
      if (tfTensorCount() !== before) throw new Error(`tfjs-${backend}: the step leaks tensors (${tfTensorCount() - before} over the run)`);
      s.dispose();
      row.push(me.toFixed(3), mt.toFixed(3), `${(mt / me).toFixed(1)}×`);
      console.log(`  ${c.name}: tfjs ${label} agrees with the engine to ${diff.toExponential(1)} after 3 steps`);
    }
    rows.push(row);
  }
  const head = ['model', 'batch', 'engine ms', 'tfjs-cpu ms', 'speed-up', 'engine ms', 'tfjs-wasm ms', 'speed-up'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  console.log();
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
  console.log('\nms per training step; each engine column was timed in alternating rounds with the tfjs column after it;');
  console.log('speed-up = tfjs ms ÷ engine ms of the same pair.');
}

await main();

/*
 * What the engine worker's lockdown costs training. The runtime (engine and lockdown) is
 * bundled and run in two fresh realms of one process, one locked down as the worker is (no
 * string compiles into code; the language's shared objects frozen), one not; the same
 * training step (forward, cross-entropy, backward, SGD; float32) is timed in each, in
 * alternating rounds. Prints ms/step in each realm and the ratio.
 *
 *   npx tsx bench/lockdown.bench.ts            all models
 *   npx tsx bench/lockdown.bench.ts --quick    shorter timing (for a smoke run)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { buildSync } from 'esbuild';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 9;
const STEPS = quick ? 30 : 100;

const CASES = [
  { name: '2-32-32-3 (spiral)', sizes: [2, 32, 32, 3], batch: 32 },
  { name: '784-128-10 (digits)', sizes: [784, 128, 10], batch: 64 },
  { name: '10-100-50-100-10 (homework)', sizes: [10, 100, 50, 100, 10], batch: 100 },
];

const here = dirname(fileURLToPath(import.meta.url));
const entry = `
  import './src/runtime/custom/interpreted-parsers';
  export { lockDownWorkerScope } from './src/runtime/custom/lockdown';
  export { CrossEntropyLoss, MLP, SGD, Tensor, createRng } from './src/engine';
`;
const bundle = buildSync({ stdin: { contents: entry, resolveDir: join(here, '..'), loader: 'ts' }, bundle: true, format: 'iife', globalName: 'runtime', platform: 'browser', write: false, logLevel: 'silent' }).outputFiles[0].text;

type Step = () => number;

function realm(lockDown: boolean): (sizes: number[], batch: number) => Step {
  const sandbox: Record<string, unknown> = { postMessage: () => undefined, setTimeout: (f: () => void) => f(), setInterval: () => 0, TextEncoder, TextDecoder, performance };
  const context = vm.createContext(sandbox);
  vm.runInContext(bundle, context);
  if (lockDown) vm.runInContext('runtime.lockDownWorkerScope(globalThis)', context);
  const locked = vm.runInContext('Object.isFrozen(Object.prototype)', context) as boolean;
  if (locked !== lockDown) throw new Error(`the ${lockDown ? 'locked' : 'open'} realm is ${locked ? '' : 'not '}frozen`);
  return vm.runInContext(`(sizes, batch) => {
    const { CrossEntropyLoss, MLP, SGD, Tensor, createRng } = runtime;
    const rng = createRng(1);
    const [inF, ...rest] = sizes;
    const classes = rest[rest.length - 1];
    const mlp = new MLP(inF, classes, rest.slice(0, -1), { activation: 'relu', rng, wstd: 0.05 });
    const x = Tensor.randn([batch, inF], rng);
    const labels = Int32Array.from({ length: batch }, () => rng.int(classes));
    const loss = new CrossEntropyLoss();
    const opt = new SGD(mlp.params(), { lr: 0.01 });
    return () => {
      opt.zeroGrad();
      const l = loss.forward(mlp.forward(x), labels).item();
      mlp.backwardParams(loss.backward());
      opt.step();
      return l;
    };
  }`, context) as (sizes: number[], batch: number) => Step;
}

function round(step: Step): number {
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) step();
  return (performance.now() - t0) / STEPS;
}

const open = realm(false);
const locked = realm(true);
console.log(`the engine worker's lockdown — one SGD training step, float32, ReLU MLP, open realm vs locked-down realm; node ${process.version}`);
console.log('model'.padEnd(30) + 'open ms/step'.padStart(14) + 'locked ms/step'.padStart(16) + 'locked / open'.padStart(15));
for (const c of CASES) {
  const a = open(c.sizes, c.batch);
  const b = locked(c.sizes, c.batch);
  // Same weights, data and arithmetic: the same losses, step after step.
  for (let i = 0; i < 3; i++) {
    const la = a(), lb = b();
    if (la !== lb) throw new Error(`${c.name}: the realms disagree at step ${i + 1} (${la} vs ${lb})`);
  }
  round(a);
  round(b);
  let ta = Infinity, tb = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    ta = Math.min(ta, round(a));
    tb = Math.min(tb, round(b));
  }
  console.log(c.name.padEnd(30) + ta.toFixed(3).padStart(14) + tb.toFixed(3).padStart(16) + `${(tb / ta).toFixed(2)}×`.padStart(15));
}

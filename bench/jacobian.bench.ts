/**
 * Jacobian-structure benchmark: the homework's Question 1 layer (64 samples through
 * Linear(1024 → 512)) summarised w.r.t. its input and w.r.t. W, against materialising the dense
 * Jacobian of a peer layer with 16× fewer weights (Linear(256 → 128), same 64 samples).
 *
 * Run: npx tsx bench/jacobian.bench.ts   (NODE_OPTIONS=--expose-gc steadies the memory deltas)
 */
import { Linear, Tensor, createRng } from '../src/engine';
import { jacobianStructure, type JacobianStructure, type JacobianWrt } from '../src/runtime/jacobian';

const REPS = 40;
const DENSE_REPS = 3;
const gc = (globalThis as { gc?: () => void }).gc;

function layer(inF: number, out: number, n: number): Linear {
  const lin = new Linear(inF, out, { rng: createRng(1) });
  lin.forward(Tensor.randn([n, inF], createRng(2)));
  return lin;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const mib = (b: number): string => `${(b / 2 ** 20).toFixed(2)} MiB`;

/** Median time of `run` over `reps` calls, and the memory one call leaves allocated. */
function measure<T>(run: () => T, reps: number, warmup: number): { ms: number; heap: number; arrayBuffers: number; result: T } {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  gc?.();
  const before = process.memoryUsage();
  const result = run();
  const after = process.memoryUsage();
  return { ms: median(times), heap: after.heapUsed - before.heapUsed, arrayBuffers: after.arrayBuffers - before.arrayBuffers, result };
}

/** The dense J of a Linear layer, the straightforward way: allocate every entry, fill the non-zeros. */
function materialise(lin: Linear, wrt: JacobianWrt): Float32Array {
  const x = lin.lastInput!.data;
  const w = lin.w.data;
  const n = x.length / lin.inFeatures;
  const out = lin.outFeatures;
  const inF = lin.inFeatures;
  if (wrt === 'input') {
    const cols = n * inF;
    const j = new Float32Array(n * out * cols);
    for (let s = 0; s < n; s++) for (let i = 0; i < out; i++) j.set(w.subarray(i * inF, (i + 1) * inF), (s * out + i) * cols + s * inF);
    return j;
  }
  const cols = out * inF;
  const j = new Float32Array(n * out * cols);
  for (let s = 0; s < n; s++) for (let i = 0; i < out; i++) j.set(x.subarray(s * inF, (s + 1) * inF), (s * out + i) * cols + i * inF);
  return j;
}

const big = layer(1024, 512, 64);
const peer = layer(256, 128, 64);
console.log(`Jacobian structure — Question 1: ${big} on 64 samples; peer: ${peer} materialised densely`);
console.log(`node ${process.version}, ${REPS} repetitions (dense peer: ${DENSE_REPS}), gc ${gc ? 'exposed' : 'not exposed'}\n`);

for (const wrt of ['input', 'w'] as const) {
  const s = measure<JacobianStructure>(() => jacobianStructure(big, wrt), REPS, 5);
  const r = s.result;
  console.log(`${big} w.r.t. ${wrt}: shape [${r.shape.join(', ')}], ${r.entries} entries (${mib(r.bytesFloat32)} dense), ${r.nonZeros} non-zeros`);
  console.log(`  summary: median ${s.ms.toFixed(2)} ms; bytesUsed ${mib(r.bytesUsed)}; heap Δ ${mib(s.heap)}; arrayBuffers Δ ${mib(s.arrayBuffers)}`);
  s.result = null as unknown as JacobianStructure;
  gc?.();
  const d = measure(() => materialise(peer, wrt), DENSE_REPS, 1);
  console.log(`  peer dense (${d.result.length} entries): median ${d.ms.toFixed(2)} ms; arrayBuffers Δ ${mib(d.arrayBuffers)}`);
  console.log(`  ratio peer dense / full-size summary: time ${(d.ms / s.ms).toFixed(1)}×, memory ${(d.result.byteLength / r.bytesUsed).toFixed(0)}×\n`);
  d.result = new Float32Array(0);
  gc?.();
}

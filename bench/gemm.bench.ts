/*
 * The engine's float32 matrix product on its two paths, JavaScript (sums in float64) and
 * WebAssembly SIMD, for the products of one training step of the benchmark's MLPs.
 *
 *   npx tsx bench/gemm.bench.ts
 */
import { gemm } from '../src/engine/gemm';
import { setWasmGemm, wasmGemmAvailable } from '../src/engine/gemm-wasm';
import { createRng } from '../src/engine/rng';

/** [label, transA, transB, M, N, K]: forward X·Wᵀ, dX = δ·W, dW = δᵀ·X. */
const SHAPES: [string, boolean, boolean, number, number, number][] = [
  ['2-16-16-2 forward 16→16', false, true, 32, 16, 16],
  ['2-16-16-2 dW 16→16', true, false, 16, 16, 32],
  ['784-256 forward', false, true, 128, 256, 784],
  ['784-256 dW', true, false, 256, 784, 128],
  ['256-128 dX', false, false, 128, 256, 128],
  ['1024-512 forward', false, true, 64, 512, 1024],
  ['1024-512 dW', true, false, 512, 1024, 64],
  ['512-512 dX', false, false, 64, 512, 512],
];

function best(fn: () => void, ms: number): number {
  let bestMs = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < ms / 5) {
      fn();
      n++;
    }
    bestMs = Math.min(bestMs, (performance.now() - t0) / n);
  }
  return bestMs;
}

const rng = createRng(1);
const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform() - 0.5);

console.log(`gemm, float32; SIMD available: ${wasmGemmAvailable()}`);
const head = ['product', 'M×N×K', 'JS GFLOP/s', 'SIMD GFLOP/s', 'SIMD ÷ JS'];
const rows: string[][] = [];
for (const [label, tA, tB, M, N, K] of SHAPES) {
  const A = random(M * K), B = random(K * N), C = new Float32Array(M * N);
  const run = (): void => gemm(tA, tB, M, N, K, A, B, C);
  const flops = 2 * M * N * K;
  setWasmGemm(false);
  const js = best(run, 600);
  setWasmGemm(true);
  const simd = best(run, 600);
  rows.push([label, `${M}×${N}×${K}`, (flops / js / 1e6).toFixed(2), (flops / simd / 1e6).toFixed(2), `${(js / simd).toFixed(1)}×`]);
}
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r: string[]): string => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
console.log(fmt(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(fmt(r));

import { MR, NR, gemmModule, type GemmKernels } from './gemm-kernels';

/*
 * Float32 matrix products on WebAssembly SIMD: C (=|+=) op(A)·op(B), the same contract as
 * the JavaScript `gemm`, about four times its speed (JavaScript has no vector arithmetic;
 * a 4-lane f32x4 multiply-add does four of its scalar ones).
 *
 * The work is cut as in BLIS: blocks of MC rows × NC columns of C, the K dimension in
 * slices of KC; op(A) is packed into panels of 4 rows and op(B) into panels of 8 columns
 * (zero-padded at the edges), interleaved so the kernel reads both sequentially. The kernel
 * keeps a 4×8 tile of C in eight v128 registers. JavaScript only copies A, B (and C, when
 * accumulating) into the module's memory and C back out; packing, the tiles and the
 * store of each block into C run in WebAssembly. Sums accumulate in float32, as in every
 * float32 BLAS.
 */

const KC = 256;
const MC = 256;
const NC = 2048;
/** Beyond this many floats of module memory (1 GiB) the JavaScript product is used instead. */
const MAX_FLOATS = 1 << 28;

interface Kernel extends GemmKernels {
  memory: WebAssembly.Memory;
  heap: Float32Array;
}

/** undefined: not tried yet; null: WebAssembly SIMD is unavailable here. */
let kernel: Kernel | null | undefined;
let enabled = true;

function loadKernel(): Kernel | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = gemmModule();
    if (!WebAssembly.validate(bytes)) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const e = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as GemmKernels;
    return { memory, packA: e.packA, packB: e.packB, tiles: e.tiles, store: e.store, heap: new Float32Array(memory.buffer) };
  } catch {
    // A Content-Security-Policy without 'wasm-unsafe-eval' refuses compilation.
    return null;
  }
}

function getKernel(): Kernel | null {
  if (kernel === undefined) kernel = loadKernel();
  return enabled ? kernel : null;
}

/** Whether float32 products run on WebAssembly SIMD in this environment. */
export function wasmGemmAvailable(): boolean {
  return getKernel() !== null;
}

/**
 * Turns the SIMD path off (then every product runs in JavaScript) or back on; returns the
 * previous setting. For comparing both paths.
 */
export function setWasmGemm(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** The module's memory as floats, grown to hold `floats`; null when it cannot grow that far. */
function heapFor(k: Kernel, floats: number): Float32Array | null {
  if (k.heap.length < floats) {
    // Grown with headroom, so a run of slowly growing sizes does not grow it every time.
    const want = Math.min(Math.max(floats, 2 * k.heap.length), MAX_FLOATS);
    try {
      k.memory.grow(Math.ceil((want - k.heap.length) / 16384));
    } catch {
      return null;
    }
    k.heap = new Float32Array(k.memory.buffer);
  }
  return k.heap;
}

/**
 * C[M×N] (=|+=) op(A)·op(B) in float32 on WebAssembly SIMD. Returns false, touching
 * nothing, when SIMD is unavailable (or the product would need over 1 GiB of memory).
 */
export function gemmF32Wasm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  B: Float32Array,
  C: Float32Array,
  accumulate: boolean,
): boolean {
  const k = getKernel();
  if (!k) return false;
  const mcp = roundUp(Math.min(M, MC), MR);
  const ncp = roundUp(Math.min(N, NC), NR);
  const kcMax = Math.min(K, KC);
  // Layout in floats, every part 16-byte aligned: A, B and C as given, then the block of C
  // and the panels of op(A) and op(B).
  const a = 0;
  const b = a + roundUp(M * K, 4);
  const c = b + roundUp(K * N, 4);
  const blk = c + roundUp(M * N, 4);
  const ap = blk + mcp * ncp;
  const bp = ap + mcp * kcMax;
  const end = bp + kcMax * ncp;
  const heap = end <= MAX_FLOATS ? heapFor(k, end) : null;
  if (!heap) return false;
  heap.set(A.length === M * K ? A : A.subarray(0, M * K), a);
  heap.set(B.length === K * N ? B : B.subarray(0, K * N), b);
  if (accumulate) heap.set(C.length === M * N ? C : C.subarray(0, M * N), c);
  const tA = transA ? 1 : 0;
  const tB = transB ? 1 : 0;
  const add = accumulate ? 1 : 0;
  for (let i0 = 0; i0 < M; i0 += MC) {
    const mc = Math.min(MC, M - i0);
    const mcpi = roundUp(mc, MR);
    for (let j0 = 0; j0 < N; j0 += NC) {
      const nc = Math.min(NC, N - j0);
      const ncpj = roundUp(nc, NR);
      for (let k0 = 0; k0 < K; k0 += KC) {
        const kc = Math.min(KC, K - k0);
        k.packB(b * 4, bp * 4, N, K, j0, nc, ncpj, k0, kc, tB);
        k.packA(a * 4, ap * 4, M, K, i0, mc, mcpi, k0, kc, tA);
        k.tiles(ap * 4, bp * 4, blk * 4, mcpi / MR, ncpj / NR, kc, ncpj * 4, k0 === 0 ? 1 : 0);
      }
      k.store(blk * 4, ncpj, c * 4, N, i0, j0, mc, nc, add);
    }
  }
  C.set(heap.subarray(c, c + M * N));
  return true;
}

function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

import { I32, V128, op, wasmModule } from './wasm-emit';

/*
 * Float32 matrix products on WebAssembly SIMD: C (=|+=) op(A)·op(B), the same contract as
 * the JavaScript `gemm`, about four times its speed (JavaScript has no vector arithmetic;
 * a 4-lane f32x4 multiply-add does four of its scalar ones).
 *
 * The work is cut as in BLIS: blocks of MC rows × NC columns of C, the K dimension in
 * slices of KC; op(A) is packed into panels of 4 rows and op(B) into panels of 8 columns
 * (zero-padded at the edges), interleaved so the kernel reads both sequentially. The kernel
 * keeps a 4×8 tile of C in eight v128 registers. Packing is done here in JavaScript,
 * straight from the caller's arrays (any transposition) into the module's memory; the
 * block of C is computed there too, then stored (or added) into C. Sums accumulate in
 * float32, as in every float32 BLAS.
 */

const MR = 4;
const NR = 8;
const KC = 256;
const MC = 256;
const NC = 2048;

type TilesFn = (ap: number, bp: number, cp: number, mPanels: number, nPanels: number, kc: number, ldc: number, fresh: number) => void;

/**
 * tiles(ap, bp, cp, mPanels, nPanels, kc, ldc, fresh): for every panel pair, the 4×8 tile at
 * cp + i·4·ldc + j·32 (bytes; ldc is the row stride in bytes) += Apanel_i · Bpanel_j (or =
 * when `fresh` is non-zero, so C needs no zeroing first), where
 * Apanel_i at ap + i·kc·16 holds kc groups of 4 row values and Bpanel_j at bp + j·kc·32 kc
 * groups of 8 column values. B panels outside, A panels inside, so a B panel stays in L1.
 */
function tilesModule(): Uint8Array<ArrayBuffer> {
  const [ap, bp, cp, mPanels, nPanels, kc, ldc, fresh] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [i, j, a, b, bEnd, c, bPanel] = [8, 9, 10, 11, 12, 13, 14];
  const acc = (r: number, v: number): number => 15 + r * 2 + v;
  const bv = (v: number): number => 15 + MR * 2 + v;
  const splat = 15 + MR * 2 + 2;
  const body: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const p of parts) body.push(...p);
  };
  const rowAddress = (r: number): void => {
    emit(op.get(c));
    if (r) emit(op.get(ldc), op.i32(r), op.mul, op.add);
  };
  emit(op.i32(0), op.set(j), op.loop);
  emit(op.get(bp), op.get(j), op.get(kc), op.mul, op.i32(NR * 4), op.mul, op.add, op.set(bPanel));
  emit(op.i32(0), op.set(i), op.loop);
  emit(op.get(cp), op.get(i), op.i32(MR), op.mul, op.get(ldc), op.mul, op.add, op.get(j), op.i32(NR * 4), op.mul, op.add, op.set(c));
  emit(op.get(fresh), op.if);
  for (let r = 0; r < MR; r++) for (let v = 0; v < 2; v++) emit(op.v128Zero, op.set(acc(r, v)));
  emit(op.else);
  for (let r = 0; r < MR; r++) {
    for (let v = 0; v < 2; v++) {
      rowAddress(r);
      emit(op.v128Load(v * 16), op.set(acc(r, v)));
    }
  }
  emit(op.end);
  emit(op.get(ap), op.get(i), op.get(kc), op.mul, op.i32(MR * 4), op.mul, op.add, op.set(a));
  emit(op.get(bPanel), op.set(b));
  emit(op.get(bPanel), op.get(kc), op.i32(NR * 4), op.mul, op.add, op.set(bEnd));
  emit(op.loop);
  for (let v = 0; v < 2; v++) emit(op.get(b), op.v128Load(v * 16), op.set(bv(v)));
  for (let r = 0; r < MR; r++) {
    emit(op.get(a), op.load32Splat(r * 4), op.set(splat));
    for (let v = 0; v < 2; v++) {
      emit(op.get(acc(r, v)), op.get(splat), op.get(bv(v)), op.f32x4Mul, op.f32x4Add, op.set(acc(r, v)));
    }
  }
  emit(op.get(a), op.i32(MR * 4), op.add, op.set(a));
  emit(op.get(b), op.i32(NR * 4), op.add, op.tee(b), op.get(bEnd), op.ltU, op.brIf(0), op.end);
  for (let r = 0; r < MR; r++) {
    for (let v = 0; v < 2; v++) {
      rowAddress(r);
      emit(op.get(acc(r, v)), op.v128Store(v * 16));
    }
  }
  emit(op.get(i), op.i32(1), op.add, op.tee(i), op.get(mPanels), op.ltU, op.brIf(0), op.end);
  emit(op.get(j), op.i32(1), op.add, op.tee(j), op.get(nPanels), op.ltU, op.brIf(0), op.end);
  return wasmModule([{ name: 'tiles', params: 8, locals: [[7, I32], [MR * 2 + 3, V128]], body }]);
}

interface Kernel {
  memory: WebAssembly.Memory;
  tiles: TilesFn;
  heap: Float32Array;
}

/** undefined: not tried yet; null: WebAssembly SIMD is unavailable here. */
let kernel: Kernel | null | undefined;
let enabled = true;

function loadKernel(): Kernel | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = tilesModule();
    if (!WebAssembly.validate(bytes)) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    // The module is well under the 4 KiB that browsers allow to compile synchronously.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return { memory, tiles: instance.exports.tiles as unknown as TilesFn, heap: new Float32Array(memory.buffer) };
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

function heapFor(k: Kernel, floats: number): Float32Array {
  if (k.heap.length < floats) {
    k.memory.grow(Math.ceil((floats - k.heap.length) / 16384));
    k.heap = new Float32Array(k.memory.buffer);
  }
  return k.heap;
}

/**
 * C[M×N] (=|+=) op(A)·op(B) in float32 on WebAssembly SIMD. Returns false, touching
 * nothing, when SIMD is unavailable.
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
  const mcMax = Math.min(M, MC);
  const ncMax = Math.min(N, NC);
  const kcMax = Math.min(K, KC);
  const mcpMax = roundUp(mcMax, MR);
  const ncpMax = roundUp(ncMax, NR);
  // Layout in floats: [C block mcp×ncp][A panels mcp×kc][B panels kc×ncp], all 16-byte aligned.
  const aOff = mcpMax * ncpMax;
  const bOff = aOff + mcpMax * kcMax;
  const heap = heapFor(k, bOff + kcMax * ncpMax);
  for (let i0 = 0; i0 < M; i0 += MC) {
    const mc = Math.min(MC, M - i0);
    const mcp = roundUp(mc, MR);
    for (let j0 = 0; j0 < N; j0 += NC) {
      const nc = Math.min(NC, N - j0);
      const ncp = roundUp(nc, NR);
      for (let k0 = 0; k0 < K; k0 += KC) {
        const kc = Math.min(KC, K - k0);
        packB(B, transB, N, K, j0, nc, ncp, k0, kc, heap, bOff);
        packA(A, transA, M, K, i0, mc, mcp, k0, kc, heap, aOff);
        k.tiles(aOff * 4, bOff * 4, 0, mcp / MR, ncp / NR, kc, ncp * 4, k0 === 0 ? 1 : 0);
      }
      copyOut(heap, ncp, C, N, i0, j0, mc, nc, accumulate);
    }
  }
  return true;
}

function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

/** The block back into C: assigned, or added onto C's values when accumulating. */
function copyOut(heap: Float32Array, ncp: number, C: Float32Array, ldc: number, i0: number, j0: number, mc: number, nc: number, add: boolean): void {
  for (let r = 0; r < mc; r++) {
    const s = r * ncp;
    const d = (i0 + r) * ldc + j0;
    if (add) for (let c = 0; c < nc; c++) C[d + c] += heap[s + c];
    else if (nc >= 64) C.set(heap.subarray(s, s + nc), d);
    else for (let c = 0; c < nc; c++) C[d + c] = heap[s + c];
  }
}

/** P[jp][k][c] = op(B)[k0+k, j0+8jp+c], zero beyond column nc. */
function packB(B: Float32Array, transB: boolean, N: number, K: number, j0: number, nc: number, ncp: number, k0: number, kc: number, P: Float32Array, off: number): void {
  const panel = kc * NR;
  if (transB) {
    // B stored [N×K]: op(B)[k, j] = B[j*K + k]; each source row is one column of a panel.
    for (let j = 0; j < nc; j++) {
      const s = (j0 + j) * K + k0;
      const d = off + (j >> 3) * panel + (j & 7);
      for (let q = 0; q < kc; q++) P[d + q * NR] = B[s + q];
    }
  } else {
    // B stored [K×N]: op(B)[k, j] = B[k*N + j].
    for (let q = 0; q < kc; q++) {
      const s = (k0 + q) * N + j0;
      for (let j = 0; j < nc; j++) P[off + (j >> 3) * panel + q * NR + (j & 7)] = B[s + j];
    }
  }
  for (let j = nc; j < ncp; j++) {
    const d = off + (j >> 3) * panel + (j & 7);
    for (let q = 0; q < kc; q++) P[d + q * NR] = 0;
  }
}

/** P[ip][k][r] = op(A)[i0+4ip+r, k0+k], zero beyond row mc. */
function packA(A: Float32Array, transA: boolean, M: number, K: number, i0: number, mc: number, mcp: number, k0: number, kc: number, P: Float32Array, off: number): void {
  const panel = kc * MR;
  if (transA) {
    // A stored [K×M]: op(A)[i, k] = A[k*M + i].
    for (let q = 0; q < kc; q++) {
      const s = (k0 + q) * M + i0;
      for (let i = 0; i < mc; i++) P[off + (i >> 2) * panel + q * MR + (i & 3)] = A[s + i];
    }
  } else {
    // A stored [M×K]: op(A)[i, k] = A[i*K + k].
    for (let i = 0; i < mc; i++) {
      const s = (i0 + i) * K + k0;
      const d = off + (i >> 2) * panel + (i & 3);
      for (let q = 0; q < kc; q++) P[d + q * MR] = A[s + q];
    }
  }
  for (let i = mc; i < mcp; i++) {
    const d = off + (i >> 2) * panel + (i & 3);
    for (let q = 0; q < kc; q++) P[d + q * MR] = 0;
  }
}

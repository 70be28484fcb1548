import { gemmF32Wasm } from './gemm-wasm';
import type { TensorData } from './tensor';

/*
 * The JavaScript product, for float64 (gradient checks), for small products and wherever
 * WebAssembly SIMD is unavailable. Layout of the computation (as in BLIS/GotoBLAS, scaled
 * down to what a JIT keeps in registers): the K dimension is cut in blocks of KC; a KC-slice of op(B) is packed once
 * into 4-column panels and a KC-slice of 4 rows of op(A) into a 4-row panel, both
 * interleaved so the micro-kernel reads them strictly sequentially; the micro-kernel
 * keeps a 4×4 block of C in 16 locals. Packing into Float64Array makes the kernel
 * monomorphic whatever the tensors' dtype, and removes float32→float64 conversions
 * from the inner loop.
 */

const KC = 256;
const packA = new Float64Array(4 * KC);
let packB = new Float64Array(4 * KC * 64);

function ensurePackB(size: number): Float64Array {
  if (packB.length < size) packB = new Float64Array(size);
  return packB;
}

/** Packs rows [k0, k0+kc) of op(B) into 4-column panels: P[(jp*kc + k)*4 + c] = op(B)[k0+k, 4jp+c]. */
function packPanelsB(B: TensorData, transB: boolean, N: number, K: number, k0: number, kc: number, P: Float64Array): void {
  const panels = (N + 3) >> 2;
  for (let jp = 0; jp < panels; jp++) {
    const j0 = jp << 2;
    const cols = Math.min(4, N - j0);
    let p = jp * kc * 4;
    if (transB) {
      // B stored [N×K]: op(B)[k, j] = B[j*K + k]
      const r0 = j0 * K + k0;
      if (cols === 4) {
        const r1 = r0 + K, r2 = r1 + K, r3 = r2 + K;
        for (let k = 0; k < kc; k++, p += 4) {
          P[p] = B[r0 + k]; P[p + 1] = B[r1 + k]; P[p + 2] = B[r2 + k]; P[p + 3] = B[r3 + k];
        }
      } else {
        for (let k = 0; k < kc; k++, p += 4) {
          for (let c = 0; c < 4; c++) P[p + c] = c < cols ? B[r0 + c * K + k] : 0;
        }
      }
    } else {
      // B stored [K×N]: op(B)[k, j] = B[k*N + j]
      let r = k0 * N + j0;
      if (cols === 4) {
        for (let k = 0; k < kc; k++, p += 4, r += N) {
          P[p] = B[r]; P[p + 1] = B[r + 1]; P[p + 2] = B[r + 2]; P[p + 3] = B[r + 3];
        }
      } else {
        for (let k = 0; k < kc; k++, p += 4, r += N) {
          for (let c = 0; c < 4; c++) P[p + c] = c < cols ? B[r + c] : 0;
        }
      }
    }
  }
}

/** Packs rows [i0, i0+4) and columns [k0, k0+kc) of op(A): P[k*4 + r] = op(A)[i0+r, k0+k]. */
function packPanelA(A: TensorData, transA: boolean, M: number, K: number, i0: number, k0: number, kc: number, P: Float64Array): void {
  const rows = Math.min(4, M - i0);
  if (transA) {
    // A stored [K×M]: op(A)[i, k] = A[k*M + i]
    let s = k0 * M + i0;
    if (rows === 4) {
      for (let k = 0, p = 0; k < kc; k++, p += 4, s += M) {
        P[p] = A[s]; P[p + 1] = A[s + 1]; P[p + 2] = A[s + 2]; P[p + 3] = A[s + 3];
      }
    } else {
      for (let k = 0, p = 0; k < kc; k++, p += 4, s += M) {
        for (let r = 0; r < 4; r++) P[p + r] = r < rows ? A[s + r] : 0;
      }
    }
  } else {
    // A stored [M×K]: op(A)[i, k] = A[i*K + k]
    const s0 = i0 * K + k0;
    if (rows === 4) {
      const s1 = s0 + K, s2 = s1 + K, s3 = s2 + K;
      for (let k = 0, p = 0; k < kc; k++, p += 4) {
        P[p] = A[s0 + k]; P[p + 1] = A[s1 + k]; P[p + 2] = A[s2 + k]; P[p + 3] = A[s3 + k];
      }
    } else {
      for (let k = 0, p = 0; k < kc; k++, p += 4) {
        for (let r = 0; r < 4; r++) P[p + r] = r < rows ? A[s0 + r * K + k] : 0;
      }
    }
  }
}

/**
 * Dense matrix product for the forward and backward passes, without ever forming a
 * transpose: C[M×N] = op(A)·op(B) (or += when `accumulate`), all row-major, where op(A) is
 * [M×K] and op(B) is [K×N]; `transA` means A is stored [K×M], `transB` that B is stored
 * [N×K]. No aliasing between C and A or B. Float32 arrays go to the WebAssembly SIMD
 * kernel when the environment has one (sums in float32); anything else to JavaScript
 * (sums in float64).
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: TensorData,
  B: TensorData,
  C: TensorData,
  accumulate = false,
): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    if (!accumulate) C.fill(0, 0, M * N);
    return;
  }
  // Below a few hundred multiply-adds the copies cost more than SIMD saves.
  if (M * N * K >= 256 && A instanceof Float32Array && B instanceof Float32Array && C instanceof Float32Array) {
    if (gemmF32Wasm(transA, transB, M, N, K, A, B, C, accumulate)) return;
  }
  gemmJs(transA, transB, M, N, K, A, B, C, accumulate);
}

/** The JavaScript product (any dtype, sums in float64); same contract as `gemm`. */
export function gemmJs(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: TensorData,
  B: TensorData,
  C: TensorData,
  accumulate = false,
): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    if (!accumulate) C.fill(0, 0, M * N);
    return;
  }
  const panels = (N + 3) >> 2;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = Math.min(KC, K - k0);
    const Bp = ensurePackB(panels * kc * 4);
    packPanelsB(B, transB, N, K, k0, kc, Bp);
    const add = accumulate || k0 > 0;
    for (let i0 = 0; i0 < M; i0 += 4) {
      const Ap = packA;
      packPanelA(A, transA, M, K, i0, k0, kc, Ap);
      const rows = Math.min(4, M - i0);
      for (let jp = 0; jp < panels; jp++) {
        microKernel(Ap, Bp, jp * kc * 4, kc, C, i0, jp << 2, rows, Math.min(4, N - (jp << 2)), N, add);
      }
    }
  }
}

/** The 4×4 tile of an edge, where C has fewer rows or columns. */
const edge = new Float64Array(16);

function microKernel(
  Ap: Float64Array,
  Bp: Float64Array,
  bOff: number,
  kc: number,
  C: TensorData,
  i0: number,
  j0: number,
  rows: number,
  cols: number,
  ldc: number,
  add: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let k = 0, a = 0, b = bOff; k < kc; k++, a += 4, b += 4) {
    const a0 = Ap[a], a1 = Ap[a + 1], a2 = Ap[a + 2], a3 = Ap[a + 3];
    const b0 = Bp[b], b1 = Bp[b + 1], b2 = Bp[b + 2], b3 = Bp[b + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rows === 4 && cols === 4) {
    let o = i0 * ldc + j0;
    if (add) {
      C[o] += c00; C[o + 1] += c01; C[o + 2] += c02; C[o + 3] += c03; o += ldc;
      C[o] += c10; C[o + 1] += c11; C[o + 2] += c12; C[o + 3] += c13; o += ldc;
      C[o] += c20; C[o + 1] += c21; C[o + 2] += c22; C[o + 3] += c23; o += ldc;
      C[o] += c30; C[o + 1] += c31; C[o + 2] += c32; C[o + 3] += c33;
    } else {
      C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += ldc;
      C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += ldc;
      C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += ldc;
      C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
    }
    return;
  }
  const e = edge;
  e[0] = c00; e[1] = c01; e[2] = c02; e[3] = c03;
  e[4] = c10; e[5] = c11; e[6] = c12; e[7] = c13;
  e[8] = c20; e[9] = c21; e[10] = c22; e[11] = c23;
  e[12] = c30; e[13] = c31; e[14] = c32; e[15] = c33;
  for (let r = 0; r < rows; r++) {
    const o = (i0 + r) * ldc + j0;
    for (let c = 0; c < cols; c++) {
      if (add) C[o + c] += e[r * 4 + c];
      else C[o + c] = e[r * 4 + c];
    }
  }
}

/** Matrix products in every transposition and at awkward sizes, against a naive float64 product. */
import { afterEach, describe, expect, it } from 'vitest';
import { gemm, gemmJs } from './gemm';
import { gemmModule } from './gemm-kernels';
import { setWasmGemm, wasmGemmAvailable } from './gemm-wasm';
import { createRng } from './rng';
import type { TensorData } from './tensor';

/** op(A)·op(B) (+ C0) summed in float64, one entry at a time. */
function naive(tA: boolean, tB: boolean, M: number, N: number, K: number, A: TensorData, B: TensorData, C0: TensorData | null): Float64Array {
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = C0 ? C0[i * N + j] : 0;
      for (let k = 0; k < K; k++) s += (tA ? A[k * M + i] : A[i * K + k]) * (tB ? B[j * K + k] : B[k * N + j]);
      out[i * N + j] = s;
    }
  }
  return out;
}

function relError(a: TensorData, b: Float64Array): number {
  let d = 0, m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return m === 0 ? d : d / m;
}

const rng = createRng(99);
function random(n: number, f64: boolean): TensorData {
  const a = f64 ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform() * 2 - 1;
  return a;
}

type Gemm = typeof gemm;
/** [M, N, K]: unit, odd, panel edges, more than one K-block (256), and beyond the SIMD path's row (256) and column (2048) blocks. */
const SIZES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 3], [7, 1, 5], [3, 5, 7], [4, 8, 16], [5, 9, 13], [13, 17, 257], [33, 10, 600], [64, 33, 2], [300, 2100, 20], [257, 9, 300],
];

function checkAll(name: string, fn: Gemm, f64: boolean, tol: number): void {
  for (const [M, N, K] of SIZES) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        const A = random(M * K, f64);
        const B = random(K * N, f64);
        for (const acc of [false, true]) {
          const C0 = random(M * N, f64);
          const C = C0.slice();
          fn(tA, tB, M, N, K, A, B, C, acc);
          const err = relError(C, naive(tA, tB, M, N, K, A, B, acc ? C0 : null));
          if (!(err <= tol)) throw new Error(`${name} ${tA ? 'T' : 'N'}${tB ? 'T' : 'N'} ${M}×${N}×${K}${acc ? ' +=' : ''}: relative error ${err}`);
        }
      }
    }
  }
}

describe('gemm', () => {
  afterEach(() => {
    setWasmGemm(true);
  });

  it('float64 (JavaScript, sums in float64): all four transpositions, odd sizes, with and without accumulation', () => {
    checkAll('float64', gemm, true, 1e-13);
  });

  it('float32 on WebAssembly SIMD (sums in float32)', () => {
    expect(wasmGemmAvailable()).toBe(true);
    checkAll('float32 SIMD', gemm, false, 2e-6);
  });

  it('float32 in JavaScript, with SIMD turned off', () => {
    expect(setWasmGemm(false)).toBe(true);
    expect(wasmGemmAvailable()).toBe(false);
    checkAll('float32 JS', gemm, false, 1e-6);
    checkAll('float32 gemmJs', gemmJs, false, 1e-6);
  });

  it('degenerate sizes: K = 0 zeroes C (or leaves it when accumulating); M or N = 0 touches nothing', () => {
    for (const f64 of [true, false]) {
      const C = random(6, f64);
      const keep = C.slice();
      gemm(false, false, 2, 3, 0, random(0, f64), random(0, f64), C, true);
      expect(Array.from(C)).toEqual(Array.from(keep));
      gemm(false, false, 2, 3, 0, random(0, f64), random(0, f64), C);
      expect(Array.from(C)).toEqual([0, 0, 0, 0, 0, 0]);
      const D = random(4, f64);
      const keepD = D.slice();
      gemm(false, false, 0, 4, 3, random(0, f64), random(12, f64), D);
      gemm(false, false, 4, 0, 3, random(12, f64), random(0, f64), D);
      expect(Array.from(D)).toEqual(Array.from(keepD));
    }
  });

  it('the SIMD module is valid and small enough for a browser to compile synchronously on its main thread', () => {
    const bytes = gemmModule();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
  });

  it('writes only the M×N entries of C', () => {
    const C = new Float32Array(3 * 70 + 5).fill(7);
    gemm(false, true, 3, 70, 40, random(3 * 40, false), random(70 * 40, false), C);
    expect(Array.from(C.subarray(3 * 70))).toEqual([7, 7, 7, 7, 7]);
  });
});

import { I32, V128, add, forRange, get, i32, mul, op, seq, set, wasmModule, type Code, type WasmFunction } from './wasm-emit';

/*
 * The WebAssembly functions of the float32 product (see gemm-wasm.ts for the layout).
 * Every address is a byte offset into the module's memory; all sizes are in floats.
 * op(A) panels hold MR = 4 rows, op(B) panels NR = 8 columns, both zero-padded.
 */

export const MR = 4;
export const NR = 8;

const shl = (a: Code, bits: number): Code => [...a, ...i32(bits), ...op.shl];
const shr = (a: Code, bits: number): Code => [...a, ...i32(bits), ...op.shrU];
const and = (a: Code, mask: number): Code => [...a, ...i32(mask), ...op.and];
const copyF32 = (to: Code, from: Code): Code => seq(to, from, op.f32Load(), op.f32Store());
const zeroF32 = (to: Code): Code => seq(to, op.f32Zero, op.f32Store());

/** Names the parameters and locals of a function, in order (parameters first). */
function locals<const N extends string>(names: readonly N[]): Record<N, number> {
  return Object.fromEntries(names.map((n, i) => [n, i])) as Record<N, number>;
}

/**
 * packA(src, dst, M, K, i0, mc, mcp, k0, kc, trans): the panels of rows [i0, i0+mc) and
 * columns [k0, k0+kc) of op(A): dst[ip][k][r] = op(A)[i0+4ip+r, k0+k], rows mc..mcp zero.
 * `trans`: A is stored [K×M] (op(A) = Aᵀ), else [M×K].
 */
function packA(): WasmFunction {
  const v = locals(['src', 'dst', 'M', 'K', 'i0', 'mc', 'mcp', 'k0', 'kc', 'trans', 'i', 'q', 's', 'd', 'full', 'panel'] as const);
  const rowTo = (i: Code): Code => add(get(v.dst), add(mul(shr(i, 2), get(v.panel)), shl(and(i, 3), 2)));
  const stored = seq(
    // A [M×K]: a source row is one row of a panel, every fourth float.
    forRange(v.i, i32(0), get(v.mc), 1, seq(
      set(v.s, add(get(v.src), shl(add(mul(add(get(v.i0), get(v.i)), get(v.K)), get(v.k0)), 2))),
      set(v.d, rowTo(get(v.i))),
      forRange(v.q, i32(0), get(v.kc), 1, seq(
        copyF32(get(v.d), get(v.s)),
        set(v.s, add(get(v.s), i32(4))),
        set(v.d, add(get(v.d), i32(MR * 4))),
      )),
    )),
  );
  const transposed = seq(
    // A [K×M]: a source row holds column k of every row; whole groups of 4 are one vector.
    set(v.full, and(get(v.mc), ~3)),
    forRange(v.q, i32(0), get(v.kc), 1, seq(
      set(v.s, add(get(v.src), shl(add(mul(add(get(v.k0), get(v.q)), get(v.M)), get(v.i0)), 2))),
      set(v.d, add(get(v.dst), shl(get(v.q), 4))),
      forRange(v.i, i32(0), get(v.full), 4, seq(
        add(get(v.d), mul(shr(get(v.i), 2), get(v.panel))),
        add(get(v.s), shl(get(v.i), 2)), op.v128Load(),
        op.v128Store(),
      )),
      forRange(v.i, get(v.full), get(v.mc), 1, copyF32(
        add(add(get(v.d), mul(shr(get(v.i), 2), get(v.panel))), shl(and(get(v.i), 3), 2)),
        add(get(v.s), shl(get(v.i), 2)),
      )),
    )),
  );
  const body = seq(
    set(v.panel, shl(get(v.kc), 4)),
    get(v.trans), op.if, transposed, op.else, stored, op.end,
    forRange(v.i, get(v.mc), get(v.mcp), 1, seq(
      set(v.d, rowTo(get(v.i))),
      forRange(v.q, i32(0), get(v.kc), 1, seq(zeroF32(get(v.d)), set(v.d, add(get(v.d), i32(MR * 4))))),
    )),
  );
  return { name: 'packA', params: 10, locals: [[6, I32]], body };
}

/**
 * packB(src, dst, N, K, j0, nc, ncp, k0, kc, trans): the panels of rows [k0, k0+kc) and
 * columns [j0, j0+nc) of op(B): dst[jp][k][c] = op(B)[k0+k, j0+8jp+c], columns nc..ncp zero.
 * `trans`: B is stored [N×K] (op(B) = Bᵀ), else [K×N].
 */
function packB(): WasmFunction {
  const v = locals(['src', 'dst', 'N', 'K', 'j0', 'nc', 'ncp', 'k0', 'kc', 'trans', 'j', 'q', 's', 'd', 'full', 'panel'] as const);
  const colTo = (j: Code): Code => add(get(v.dst), add(mul(shr(j, 3), get(v.panel)), shl(and(j, 7), 2)));
  const stored = seq(
    // B [K×N]: a source row is row k of every panel; whole groups of 8 are two vectors.
    set(v.full, and(get(v.nc), ~7)),
    forRange(v.q, i32(0), get(v.kc), 1, seq(
      set(v.s, add(get(v.src), shl(add(mul(add(get(v.k0), get(v.q)), get(v.N)), get(v.j0)), 2))),
      set(v.d, add(get(v.dst), shl(get(v.q), 5))),
      forRange(v.j, i32(0), get(v.full), 8, seq(
        add(get(v.d), mul(shr(get(v.j), 3), get(v.panel))),
        add(get(v.s), shl(get(v.j), 2)), op.v128Load(),
        op.v128Store(),
        add(get(v.d), mul(shr(get(v.j), 3), get(v.panel))),
        add(get(v.s), shl(get(v.j), 2)), op.v128Load(16),
        op.v128Store(16),
      )),
      forRange(v.j, get(v.full), get(v.nc), 1, copyF32(
        add(add(get(v.d), mul(shr(get(v.j), 3), get(v.panel))), shl(and(get(v.j), 7), 2)),
        add(get(v.s), shl(get(v.j), 2)),
      )),
      forRange(v.j, get(v.nc), get(v.ncp), 1, zeroF32(
        add(add(get(v.d), mul(shr(get(v.j), 3), get(v.panel))), shl(and(get(v.j), 7), 2)),
      )),
    )),
  );
  const transposed = seq(
    // B [N×K]: a source row is one column of a panel, every eighth float.
    forRange(v.j, i32(0), get(v.nc), 1, seq(
      set(v.s, add(get(v.src), shl(add(mul(add(get(v.j0), get(v.j)), get(v.K)), get(v.k0)), 2))),
      set(v.d, colTo(get(v.j))),
      forRange(v.q, i32(0), get(v.kc), 1, seq(
        copyF32(get(v.d), get(v.s)),
        set(v.s, add(get(v.s), i32(4))),
        set(v.d, add(get(v.d), i32(NR * 4))),
      )),
    )),
    forRange(v.j, get(v.nc), get(v.ncp), 1, seq(
      set(v.d, colTo(get(v.j))),
      forRange(v.q, i32(0), get(v.kc), 1, seq(zeroF32(get(v.d)), set(v.d, add(get(v.d), i32(NR * 4))))),
    )),
  );
  const body = seq(set(v.panel, shl(get(v.kc), 5)), get(v.trans), op.if, transposed, op.else, stored, op.end);
  return { name: 'packB', params: 10, locals: [[6, I32]], body };
}

/**
 * tiles(ap, bp, cp, mPanels, nPanels, kc, ldc, fresh): for every panel pair, the 4×8 tile at
 * cp + i·4·ldc + j·32 (ldc: the block's row stride in bytes) += Apanel_i · Bpanel_j (or =
 * when `fresh`), Apanel_i at ap + i·kc·16, Bpanel_j at bp + j·kc·32. B panels outside, A
 * panels inside, so a B panel stays in L1; the tile lives in eight v128 registers.
 */
function tiles(): WasmFunction {
  const v = locals(['ap', 'bp', 'cp', 'mPanels', 'nPanels', 'kc', 'ldc', 'fresh', 'i', 'j', 'a', 'b', 'bEnd', 'c', 'bPanel'] as const);
  const acc = (r: number, h: number): number => 15 + r * 2 + h;
  const bv = (h: number): number => 15 + MR * 2 + h;
  const splat = 15 + MR * 2 + 2;
  const row = (r: number): Code => (r ? add(get(v.c), mul(get(v.ldc), i32(r))) : get(v.c));
  const tile: Code[] = [];
  for (let r = 0; r < MR; r++) for (let h = 0; h < 2; h++) tile.push(seq(row(r), op.v128Load(h * 16), op.set(acc(r, h))));
  const zero: Code[] = [];
  for (let r = 0; r < MR; r++) for (let h = 0; h < 2; h++) zero.push(seq(op.v128Zero, op.set(acc(r, h))));
  const step: Code[] = [seq(get(v.b), op.v128Load(0), op.set(bv(0))), seq(get(v.b), op.v128Load(16), op.set(bv(1)))];
  for (let r = 0; r < MR; r++) {
    step.push(seq(get(v.a), op.load32Splat(r * 4), op.set(splat)));
    for (let h = 0; h < 2; h++) step.push(seq(get(acc(r, h)), get(splat), get(bv(h)), op.f32x4Mul, op.f32x4Add, op.set(acc(r, h))));
  }
  const store: Code[] = [];
  for (let r = 0; r < MR; r++) for (let h = 0; h < 2; h++) store.push(seq(row(r), get(acc(r, h)), op.v128Store(h * 16)));
  const body = seq(
    forRange(v.j, i32(0), get(v.nPanels), 1, seq(
      set(v.bPanel, add(get(v.bp), mul(get(v.j), shl(get(v.kc), 5)))),
      forRange(v.i, i32(0), get(v.mPanels), 1, seq(
        set(v.c, add(add(get(v.cp), mul(mul(get(v.i), i32(MR)), get(v.ldc))), shl(get(v.j), 5))),
        get(v.fresh), op.if, ...zero, op.else, ...tile, op.end,
        set(v.a, add(get(v.ap), mul(get(v.i), shl(get(v.kc), 4)))),
        set(v.b, get(v.bPanel)),
        set(v.bEnd, add(get(v.bPanel), shl(get(v.kc), 5))),
        // kc ≥ 1: a do-while over k.
        op.loop,
        ...step,
        set(v.a, add(get(v.a), i32(MR * 4))),
        set(v.b, add(get(v.b), i32(NR * 4))),
        get(v.b), get(v.bEnd), op.ltU, op.brIf(0),
        op.end,
        ...store,
      )),
    )),
  );
  return { name: 'tiles', params: 8, locals: [[7, I32], [MR * 2 + 3, V128]], body };
}

/**
 * store(blk, ncp, dst, ldc, i0, j0, mc, nc, add): rows [0, mc) and columns [0, nc) of the block
 * (row stride ncp floats) into the matrix at dst (row stride ldc floats) from (i0, j0):
 * assigned, or added when `add`.
 */
function store(): WasmFunction {
  const v = locals(['blk', 'ncp', 'dst', 'ldc', 'i0', 'j0', 'mc', 'nc', 'add', 'r', 'c', 's', 'd', 'full'] as const);
  const at = (base: number): Code => add(get(base), shl(get(v.c), 2));
  const body = seq(
    set(v.full, and(get(v.nc), ~3)),
    forRange(v.r, i32(0), get(v.mc), 1, seq(
      set(v.s, add(get(v.blk), shl(mul(get(v.r), get(v.ncp)), 2))),
      set(v.d, add(get(v.dst), shl(add(mul(add(get(v.i0), get(v.r)), get(v.ldc)), get(v.j0)), 2))),
      get(v.add), op.if,
      forRange(v.c, i32(0), get(v.full), 4, seq(at(v.d), at(v.d), op.v128Load(), at(v.s), op.v128Load(), op.f32x4Add, op.v128Store())),
      forRange(v.c, get(v.full), get(v.nc), 1, seq(at(v.d), at(v.d), op.f32Load(), at(v.s), op.f32Load(), op.f32Add, op.f32Store())),
      op.else,
      forRange(v.c, i32(0), get(v.full), 4, seq(at(v.d), at(v.s), op.v128Load(), op.v128Store())),
      forRange(v.c, get(v.full), get(v.nc), 1, copyF32(at(v.d), at(v.s))),
      op.end,
    )),
  );
  return { name: 'store', params: 9, locals: [[5, I32]], body };
}

type Fn = (...args: number[]) => void;
export interface GemmKernels {
  packA: Fn;
  packB: Fn;
  tiles: Fn;
  store: Fn;
}

/** The module's bytes (well under the 4 KiB browsers let a page compile synchronously). */
export function gemmModule(): Uint8Array<ArrayBuffer> {
  return wasmModule([packA(), packB(), tiles(), store()]);
}

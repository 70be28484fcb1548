/*
 * A minimal WebAssembly binary writer: just what the engine's SIMD kernels need (i32 and
 * v128 locals, loops, loads and stores from one imported memory). Writing the bytes from
 * TypeScript keeps the engine a plain module: no .wasm file to fetch or bundle.
 */

export const I32 = 0x7f;
export const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const simd = (code: number): number[] => [0xfd, ...uleb(code)];

/** Instructions, as byte sequences; memory offsets are in bytes. */
export const op = {
  get: (i: number): number[] => [0x20, ...uleb(i)],
  set: (i: number): number[] => [0x21, ...uleb(i)],
  tee: (i: number): number[] => [0x22, ...uleb(i)],
  i32: (n: number): number[] => [0x41, ...sleb(n)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  and: [0x71],
  shl: [0x74],
  shrU: [0x76],
  ltU: [0x49],
  geU: [0x4f],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (depth: number): number[] => [0x0c, ...uleb(depth)],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  f32Load: (offset = 0): number[] => [0x2a, 2, ...uleb(offset)],
  f32Store: (offset = 0): number[] => [0x38, 2, ...uleb(offset)],
  f32Zero: [0x43, 0, 0, 0, 0],
  f32Add: [0x92],
  /** v128.load / v128.store (any address; the alignment field is only a hint). */
  v128Load: (offset = 0): number[] => [...simd(0x00), 4, ...uleb(offset)],
  v128Store: (offset = 0): number[] => [...simd(0x0b), 4, ...uleb(offset)],
  /** v128.load32_splat: one f32 from memory into all four lanes. */
  load32Splat: (offset = 0): number[] => [...simd(0x09), 2, ...uleb(offset)],
  v128Zero: [...simd(0x0c), ...new Array<number>(16).fill(0)],
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
};

/** Code: a sequence of instructions; an expression is code that leaves one value. */
export type Code = number[];

export const seq = (...parts: Code[]): Code => parts.flat();
export const get = op.get;
export const i32 = op.i32;
export const add = (a: Code, b: Code): Code => [...a, ...b, ...op.add];
export const mul = (a: Code, b: Code): Code => [...a, ...b, ...op.mul];
export const set = (local: number, value: Code): Code => [...value, ...op.set(local)];

/** for (i = from; i < to; i += step) body, unsigned; `to` is evaluated before every iteration. */
export function forRange(i: number, from: Code, to: Code, step: number, body: Code): Code {
  return seq(
    set(i, from),
    op.block,
    op.loop,
    get(i), to, op.geU, op.brIf(1),
    body,
    set(i, add(get(i), i32(step))),
    op.br(0),
    op.end,
    op.end,
  );
}

export interface WasmFunction {
  name: string;
  /** Number of i32 parameters (all parameters are i32). */
  params: number;
  /** Extra locals as runs of [count, type]. */
  locals: [number, number][];
  body: number[];
}

/** A module importing `env.memory` and exporting `functions`, which return nothing. */
export function wasmModule(functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(Array.from({ length: f.params }, () => [I32])), 0]);
  const bodies = functions.map((f) => {
    const b = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, ...op.end];
    return [...uleb(b.length), ...b];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}

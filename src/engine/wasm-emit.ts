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
  mul: [0x6c],
  ltU: [0x49],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  /** v128.load / v128.store with 16-byte alignment hint. */
  v128Load: (offset: number): number[] => [...simd(0x00), 4, ...uleb(offset)],
  v128Store: (offset: number): number[] => [...simd(0x0b), 4, ...uleb(offset)],
  /** v128.load32_splat: one f32 from memory into all four lanes. */
  load32Splat: (offset: number): number[] => [...simd(0x09), 2, ...uleb(offset)],
  v128Zero: [...simd(0x0c), ...new Array<number>(16).fill(0)],
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
};

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

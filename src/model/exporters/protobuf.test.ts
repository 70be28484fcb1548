import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { float32LE, ProtoWriter } from './protobuf';

// protobufjs (onnxruntime-web's protobuf library) as an independent reader.
const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { Reader } = require('protobufjs/minimal') as { Reader: any };

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ProtoWriter', () => {
  it('writes the wire-format examples of the protobuf encoding guide', () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    expect(hex(new ProtoWriter().message(3, (m) => m.int(1, 150)).finish())).toBe('1a03089601');
    expect(hex(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish())).toBe('2206038e029ea705');
    expect(hex(new ProtoWriter().int(1, -2).finish())).toBe('08feffffffffffffffff01');
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('150000803f');
  });

  it('reads back through protobufjs, large payloads and deep nesting included', () => {
    const big = new Uint8Array(100_000).map((_, i) => (i * 31) & 255);
    const w = new ProtoWriter()
      .int(1, Number.MAX_SAFE_INTEGER)
      .int(2, -123456789)
      .float(3, -0.1)
      .string(4, 'ünï ✓ 名')
      .bytes(5, big)
      .message(6, (a) => a.message(1, (b) => b.bytes(2, big).int(3, 7)).string(4, 'after'))
      .packedFloats(7, [1.5, -2, 1e-40]);
    const r = Reader.create(w.finish());
    const fields: Record<number, unknown> = {};
    while (r.pos < r.len) {
      const tag = r.uint32();
      const field = tag >>> 3;
      if (field === 1) fields[1] = r.uint64().toString();
      else if (field === 2) fields[2] = r.int64().toNumber();
      else if (field === 3) fields[3] = r.float();
      else if (field === 4) fields[4] = r.string();
      else if (field === 5) fields[5] = r.bytes();
      else if (field === 6) {
        const inner = Reader.create(r.bytes());
        expect(inner.uint32()).toBe((1 << 3) | 2);
        const deeper = Reader.create(inner.bytes());
        expect(deeper.uint32()).toBe((2 << 3) | 2);
        expect(Buffer.from(deeper.bytes()).equals(Buffer.from(big))).toBe(true);
        expect(deeper.uint32()).toBe(3 << 3);
        expect(deeper.int32()).toBe(7);
        expect(inner.uint32()).toBe((4 << 3) | 2);
        fields[6] = inner.string();
      } else if (field === 7) {
        const end = r.uint32() + r.pos;
        const floats: number[] = [];
        while (r.pos < end) floats.push(r.float());
        fields[7] = floats;
      } else throw new Error(`unexpected field ${field}`);
    }
    expect(fields[1]).toBe(String(Number.MAX_SAFE_INTEGER));
    expect(fields[2]).toBe(-123456789);
    expect(fields[3]).toBe(Math.fround(-0.1));
    expect(fields[4]).toBe('ünï ✓ 名');
    expect(Buffer.from(fields[5] as Uint8Array).equals(Buffer.from(big))).toBe(true);
    expect(fields[6]).toBe('after');
    expect(fields[7]).toEqual([1.5, -2, Math.fround(1e-40)]);
  });

  it('refuses what it cannot encode', () => {
    expect(() => new ProtoWriter().int(0, 1)).toThrow('field number in [1, 2^29), got 0');
    expect(() => new ProtoWriter().int(1, 2 ** 60)).toThrow('expected a safe integer');
    expect(() => new ProtoWriter().int(1, 1.5)).toThrow('expected a safe integer, got 1.5');
  });
});

describe('float32LE', () => {
  it('matches Node Buffer little-endian floats', () => {
    const values = [0, -0, 1, -1.25, 3.4e38, 1e-45, Number.NaN, Infinity];
    const ref = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => ref.writeFloatLE(v, i * 4));
    expect(Buffer.from(float32LE(values)).equals(ref)).toBe(true);
  });
});

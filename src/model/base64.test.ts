import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Buffer } from 'node:buffer';
import { decodeBase64, decodeFloat32, encodeBase64, encodeFloat32, findNonFinite } from './base64';

/** Little-endian float32 bytes written by DataView: the reference the encoder must match. */
function leBytes(values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return new Uint8Array(view.buffer);
}

function bitsOf(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}

describe('base64 bytes', () => {
  it('matches the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, coded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(encodeBase64(bytes)).toBe(coded);
      expect(decodeBase64(coded)).toEqual(bytes);
    }
  });

  it('agrees with Node’s Buffer on random bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const ref = Buffer.from(bytes).toString('base64');
        expect(encodeBase64(bytes)).toBe(ref);
        expect(Array.from(decodeBase64(ref) as Uint8Array)).toEqual(Array.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('ignores line breaks and spaces, as `base64` on the command line wraps its output', () => {
    expect(decodeBase64('Zm9v\nYmFy\r\n')).toEqual(new TextEncoder().encode('foobar'));
    expect(decodeBase64(' Zm9v YmE= ')).toEqual(new TextEncoder().encode('fooba'));
  });

  it('reads the same bytes with whitespace anywhere (the general path) as without (the fast path)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\r\n', '\t'))), (bytes, spaces) => {
        let text = encodeBase64(bytes);
        for (const [at, ws] of spaces) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + ws + text.slice(p);
        }
        expect(Array.from(decodeBase64(text) as Uint8Array)).toEqual(Array.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, and refuses every text Node’s strict reading would change', () => {
    const soup = fc.string({ unit: fc.constantFrom(...'AZaz09+/=-_ \n\u00e9\u0100'.split('')), maxLength: 24 });
    fc.assert(
      fc.property(soup, (text) => {
        const r = decodeBase64(text);
        if (r instanceof Uint8Array) {
          // Whatever is accepted is exactly what Buffer reads from the same characters.
          expect(Array.from(r)).toEqual(Array.from(Buffer.from(text.replace(/[ \n]/g, ''), 'base64')));
        } else expect(r.error.length).toBeGreaterThan(10);
      }),
      { numRuns: 2000 },
    );
  });

  it('says which character is not base64, and where', () => {
    expect(decodeBase64('Zm9v!mFy')).toEqual({ error: "the character '!' at position 4 is not a base64 character" });
    expect(decodeBase64('Zm9vYmF\u00e9')).toEqual({ error: 'the character U+00E9 at position 7 is not a base64 character' });
    expect((decodeBase64('Zm9-YmFy') as { error: string }).error).toMatch(/position 3 .*URL-safe/);
  });

  it('refuses cut-off text, padding in the middle and too much padding', () => {
    expect((decodeBase64('Zm9vYmF') as { error: string }).error).toBe(
      "it has 7 base64 characters, which is not a multiple of 4; the text may be cut off or miss its '=' padding",
    );
    expect((decodeBase64('Zg==Zm9v') as { error: string }).error).toMatch(/'=' padding may only end the text.*position 4/);
    expect((decodeBase64('Z===') as { error: string }).error).toBe("it ends with 3 '=' characters; base64 has at most 2");
  });
});

describe('float32 tensors', () => {
  it('encodes little-endian float32 bytes, as DataView writes them', () => {
    const values = [1, -2.5, 0.1, 3e38, -0];
    expect(encodeFloat32(Float32Array.from(values))).toBe(Buffer.from(leBytes(values)).toString('base64'));
    // 1.0f is 0x3F800000: bytes 00 00 80 3F.
    expect(encodeFloat32(Float32Array.of(1))).toBe('AACAPw==');
  });

  it('round-trips bit for bit: −0, subnormals, extremes and NaN payloads', () => {
    const bits = [
      0x00000000, 0x80000000, // +0, −0
      0x00000001, 0x807fffff, // smallest subnormal, largest negative subnormal
      0x00800000, 0x7f7fffff, 0xff7fffff, // smallest normal, ±largest finite
      0x7f800000, 0xff800000, // ±Infinity
      0x7fc00000, 0x7fa00001, 0xffc12345, // quiet NaN, signalling NaN, negative NaN with payload
    ];
    const original = new Float32Array(Uint32Array.from(bits).buffer);
    const decoded = decodeFloat32(encodeFloat32(original));
    expect(decoded).toBeInstanceOf(Float32Array);
    expect(bitsOf(decoded as Float32Array)).toEqual(bits);
  });

  it('round-trips random bit patterns, including from an offset view', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 200 }), fc.nat(3), (bits, offset) => {
        const backing = new Uint32Array(bits.length + offset);
        backing.set(bits, offset);
        const view = new Float32Array(backing.buffer, offset * 4, bits.length);
        const decoded = decodeFloat32(encodeFloat32(view)) as Float32Array;
        expect(bitsOf(decoded)).toEqual(bits);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses data that is not a whole number of float32 values', () => {
    expect(decodeFloat32('AAAAAAA=')).toEqual({
      error: 'it decodes to 5 bytes, which is not a whole number of float32 values (4 bytes each)',
    });
    expect(decodeFloat32('')).toEqual(new Float32Array(0));
  });

  it('finds NaN and infinities, the first one and how many', () => {
    expect(findNonFinite(Float32Array.of(1, 2, 3))).toBeNull();
    expect(findNonFinite(Float32Array.of(1, NaN, Infinity, 0, -Infinity))).toEqual({ index: 1, value: NaN, count: 3 });
    expect(findNonFinite(Float32Array.of(-Infinity))).toEqual({ index: 0, value: -Infinity, count: 1 });
    expect(findNonFinite(new Float32Array(Uint32Array.of(0x00000001).buffer))).toBeNull();
  });
});

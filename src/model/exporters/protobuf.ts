/**
 * Protocol-buffer wire format, the part an ONNX file needs: varints, 32-bit floats,
 * length-delimited strings, bytes and nested messages, packed repeated fields.
 *
 * The writer keeps a list of chunks instead of one growing buffer, so a nested message
 * or a large `bytes` payload (a weight matrix) is referenced, not copied, until `finish`
 * joins everything once.
 */

const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private scratch = new Uint8Array(256);
  private pos = 0;
  private flushed = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.flushed + this.pos;
  }

  /** A non-negative or negative integer field (int32, int64, enum), as a varint. */
  int(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** A `float` field: IEEE 754 single precision, little-endian. */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.reserve(4);
    new DataView(this.scratch.buffer, this.scratch.byteOffset).setFloat32(this.pos, value, true);
    this.pos += 4;
    return this;
  }

  /** A `string` field, UTF-8 encoded. */
  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** A `bytes` field; the array is kept by reference, so it must not change before `finish`. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH);
    this.varint(value.length);
    this.append(value);
    return this;
  }

  /** An embedded message, written by `write` into a writer of its own. */
  message(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    inner.flush();
    this.tag(field, WIRE_LENGTH);
    this.varint(inner.length);
    this.flush();
    for (const c of inner.chunks) this.push(c);
    return this;
  }

  /** A packed repeated integer field (e.g. `repeated int64 dims`). */
  packedInts(field: number, values: readonly number[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    inner.flush();
    this.tag(field, WIRE_LENGTH);
    this.varint(inner.length);
    this.flush();
    for (const c of inner.chunks) this.push(c);
    return this;
  }

  /** A packed repeated `float` field. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    return this.bytes(field, float32LE(values));
  }

  /** The encoded message. */
  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.flushed);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private tag(field: number, wire: number): void {
    if (!Number.isInteger(field) || field < 1 || field > 0x1fffffff) {
      throw new RangeError(`ProtoWriter: expected a field number in [1, 2^29), got ${field}`);
    }
    this.varint(field * 8 + wire);
  }

  /**
   * Base-128 varint. Negative values are written as their 64-bit two's complement
   * (ten bytes), which is how protobuf encodes negative int32 and int64 values.
   */
  private varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`ProtoWriter: expected a safe integer, got ${value}`);
    this.reserve(10);
    const s = this.scratch;
    if (value >= 0) {
      let v = value;
      while (v >= 0x80) {
        s[this.pos++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
      s[this.pos++] = v;
      return;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      s[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    s[this.pos++] = Number(v);
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length <= 64) {
      this.reserve(bytes.length);
      this.scratch.set(bytes, this.pos);
      this.pos += bytes.length;
      return;
    }
    this.flush();
    this.push(bytes);
  }

  private reserve(n: number): void {
    if (this.pos + n > this.scratch.length) this.flush();
  }

  /** Moves the scratch bytes into the chunk list and starts a fresh scratch buffer. */
  private flush(): void {
    if (this.pos === 0) return;
    this.push(this.scratch.subarray(0, this.pos));
    this.scratch = new Uint8Array(256);
    this.pos = 0;
  }

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.flushed += chunk.length;
  }
}

/** Numbers as consecutive little-endian IEEE 754 single-precision floats. */
export function float32LE(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

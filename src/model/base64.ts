/**
 * Float32 tensors as base64 of their little-endian bytes: how a model document stores
 * weights. Plain TypeScript (no Buffer, no atob), so the browser, a worker and Node
 * decode the same text to the same bits.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE = new Uint8Array(64);
/** Character code → 6-bit value; 64 marks ASCII whitespace (skipped), 255 anything else. */
const DECODE = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) {
  ENCODE[i] = ALPHABET.charCodeAt(i);
  DECODE[ALPHABET.charCodeAt(i)] = i;
}
for (const ws of [0x20, 0x09, 0x0a, 0x0d]) DECODE[ws] = 64;
const PAD = 0x3d; // '='

/** True when this machine stores multi-byte numbers little-endian (every current browser and Node). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Base64 (standard alphabet, padded) of the bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = ENCODE[v >>> 18];
    out[o++] = ENCODE[(v >>> 12) & 63];
    out[o++] = ENCODE[(v >>> 6) & 63];
    out[o++] = ENCODE[v & 63];
  }
  if (i < n) {
    const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0);
    out[o++] = ENCODE[v >>> 18];
    out[o++] = ENCODE[(v >>> 12) & 63];
    out[o++] = i + 1 < n ? ENCODE[(v >>> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  return asciiToString(out);
}

/**
 * The bytes of a base64 text, or why it is not base64. ASCII whitespace (line breaks
 * that tools like `base64` insert) is ignored; the text must otherwise be the standard
 * alphabet with `=` padding to a multiple of 4 characters.
 */
export function decodeBase64(text: string): Uint8Array | { error: string } {
  return decodeCompact(text) ?? decodeGeneral(text);
}

/**
 * The common case, in one pass: no whitespace, padded to a multiple of 4. Null on
 * anything else, which the general decoder then handles or explains.
 */
function decodeCompact(text: string): Uint8Array | null {
  const n = text.length;
  if (n % 4 !== 0) return null;
  const pads = n === 0 ? 0 : text.charCodeAt(n - 1) !== PAD ? 0 : text.charCodeAt(n - 2) !== PAD ? 1 : 2;
  const bytes = new Uint8Array((n / 4) * 3 - pads);
  const full = pads ? n - 4 : n;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    const a = DECODE[c0 & 255];
    const b = DECODE[c1 & 255];
    const c = DECODE[c2 & 255];
    const d = DECODE[c3 & 255];
    // Values above 63 are whitespace or not base64; codes above 255 are not base64.
    if ((a | b | c | d) > 63 || (c0 | c1 | c2 | c3) > 255) return null;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[o++] = v >>> 16;
    bytes[o++] = (v >>> 8) & 255;
    bytes[o++] = v & 255;
  }
  if (pads) {
    const c0 = text.charCodeAt(n - 4);
    const c1 = text.charCodeAt(n - 3);
    const c2 = pads === 1 ? text.charCodeAt(n - 2) : 0x41; // 'A' stands in for the padded position
    const a = DECODE[c0 & 255];
    const b = DECODE[c1 & 255];
    const c = DECODE[c2 & 255];
    if ((a | b | c) > 63 || (c0 | c1 | c2) > 255) return null;
    const v = (a << 18) | (b << 12) | (c << 6);
    bytes[o++] = v >>> 16;
    if (pads === 1) bytes[o++] = (v >>> 8) & 255;
  }
  return bytes;
}

function decodeGeneral(text: string): Uint8Array | { error: string } {
  const codes = new Uint8Array(text.length);
  let m = 0;
  let padAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 256 ? DECODE[c] : 255;
    if (v === 64) continue;
    if (c === PAD) {
      if (padAt < 0) padAt = m;
      codes[m++] = 0;
      continue;
    }
    if (v === 255) return { error: badCharacter(text, i) };
    if (padAt >= 0) return { error: `'=' padding may only end the text, but a base64 character follows it at position ${i}` };
    codes[m++] = v;
  }
  if (m % 4 !== 0) {
    return { error: `it has ${m} base64 characters, which is not a multiple of 4; the text may be cut off or miss its '=' padding` };
  }
  const pads = padAt < 0 ? 0 : m - padAt;
  if (pads > 2) return { error: `it ends with ${pads} '=' characters; base64 has at most 2` };
  const bytes = new Uint8Array((m / 4) * 3 - pads);
  let o = 0;
  for (let i = 0; i < m; i += 4) {
    const v = (codes[i] << 18) | (codes[i + 1] << 12) | (codes[i + 2] << 6) | codes[i + 3];
    if (o < bytes.length) bytes[o++] = v >>> 16;
    if (o < bytes.length) bytes[o++] = (v >>> 8) & 255;
    if (o < bytes.length) bytes[o++] = v & 255;
  }
  return bytes;
}

/** Base64 of the values' little-endian float32 bytes, bit for bit (−0, subnormals and NaN payloads kept). */
export function encodeFloat32(data: Float32Array): string {
  const words = new Uint32Array(data.length);
  words.set(new Uint32Array(data.buffer, data.byteOffset, data.length));
  if (!LITTLE_ENDIAN) swapBytes(words);
  return encodeBase64(new Uint8Array(words.buffer));
}

/** The float32 values stored by `encodeFloat32`, or why the text does not hold any. */
export function decodeFloat32(text: string): Float32Array | { error: string } {
  const bytes = decodeBase64(text);
  if (!(bytes instanceof Uint8Array)) return bytes;
  if (bytes.length % 4 !== 0) {
    return { error: `it decodes to ${bytes.length} bytes, which is not a whole number of float32 values (4 bytes each)` };
  }
  const words = new Uint32Array(bytes.buffer, 0, bytes.length / 4);
  if (!LITTLE_ENDIAN) swapBytes(words);
  return new Float32Array(bytes.buffer, 0, bytes.length / 4);
}

/** Where the first NaN or ±Infinity is, and how many there are; null when every value is finite. */
export function findNonFinite(data: Float32Array): { index: number; value: number; count: number } | null {
  let first = -1;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    // x - x is 0 for finite x and NaN for NaN and ±Infinity.
    if (data[i] - data[i] !== 0) {
      if (first < 0) first = i;
      count++;
    }
  }
  return first < 0 ? null : { index: first, value: data[first], count };
}

function swapBytes(words: Uint32Array): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    words[i] = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
  }
}

function badCharacter(text: string, i: number): string {
  const c = text.charAt(i);
  const shown = c >= ' ' && c <= '~' ? `'${c}'` : `U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  const hint = c === '-' || c === '_' ? " (this looks like URL-safe base64; use '+' and '/' instead of '-' and '_')" : '';
  return `the character ${shown} at position ${i} is not a base64 character${hint}`;
}

/** ASCII bytes are valid UTF-8, and TextDecoder (browsers, workers, Node) is the fastest way to a string. */
const ASCII = new TextDecoder();
function asciiToString(codes: Uint8Array): string {
  return ASCII.decode(codes);
}

/** Python source literals, written so that any name or number survives the trip into a script. */

/**
 * A double-quoted Python string literal. Backslashes, quotes, control characters, line
 * separators and non-characters are escaped, so the literal stays on one line and is
 * safe inside a comment or a docstring too.
 */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    // Line/paragraph separators, NEL, lone surrogates: escaped so editors and encoders cannot choke.
    else if (c === 0x85 || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Text for inside a `"""` docstring that reads back as itself on one line: line breaks and
 * other control characters become spaces, backslashes and quotes are escaped.
 */
export function docText(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[\\"]/g, (c) => `\\${c}`);
}

/** A Python float literal that reads back as exactly `v` (JavaScript's shortest round-trip form is Python's too). */
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`pyFloat: expected a finite number, got ${v}`);
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 61; // '='
const NEWLINE = 10;
const ascii = new TextDecoder('ascii');

/**
 * Standard base64 (RFC 4648, padded), in lines of `width` characters (a multiple of 4)
 * joined by newlines. Written into one byte array and decoded once: a weight matrix of
 * millions of values must not become millions of small strings.
 */
export function base64Lines(bytes: Uint8Array, width = 76): string {
  if (!Number.isInteger(width) || width < 4 || width % 4 !== 0) throw new RangeError(`base64Lines: expected a width that is a positive multiple of 4, got ${width}`);
  const chars = Math.ceil(bytes.length / 3) * 4;
  const lines = Math.ceil(chars / width);
  const out = new Uint8Array(chars + Math.max(0, lines - 1));
  const perLine = width / 4;
  let o = 0;
  for (let i = 0, group = 0; i < bytes.length; i += 3, group++) {
    if (group > 0 && group % perLine === 0) out[o++] = NEWLINE;
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out[o++] = B64[a >> 2];
    out[o++] = B64[((a & 3) << 4) | (b >> 4)];
    out[o++] = i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)] : PAD;
    out[o++] = i + 2 < bytes.length ? B64[c & 63] : PAD;
  }
  return ascii.decode(out);
}

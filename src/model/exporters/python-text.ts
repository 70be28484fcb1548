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

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648, padded), wrapped into lines of `width` characters. */
export function base64Lines(bytes: Uint8Array, width = 76): string[] {
  const parts: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    line += B64[a >> 2] + B64[((a & 3) << 4) | (b >> 4)];
    line += i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)] : '=';
    line += i + 2 < bytes.length ? B64[c & 63] : '=';
    if (line.length >= width) {
      parts.push(line);
      line = '';
    }
  }
  if (line) parts.push(line);
  return parts;
}

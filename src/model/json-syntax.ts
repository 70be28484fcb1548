/**
 * Where a text stops being JSON, and why, in words. JSON.parse's messages differ between
 * JavaScript engines and versions (some give a position, some a snippet), so the reader
 * scans the text itself once JSON.parse has refused it. It follows RFC 8259 exactly:
 * whatever JSON.parse accepts, this accepts, and the other way round.
 */

export interface JsonSyntaxError {
  /** Index of the offending character in the text (its length when the text ends too early). */
  offset: number;
  /** 1-based; a line ends at \n, \r\n or a lone \r. */
  line: number;
  /** 1-based, counted in UTF-16 code units from the start of the line. */
  column: number;
  /** What is wrong, without the position. */
  message: string;
}

const ARRAY = 0;
const OBJECT = 1;
/** A container was opened or a property name read: a value must follow. */
const PENDING = 'pending';
type Step = JsonSyntaxError | null | typeof PENDING;

/** The first syntax error of `text` as JSON, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const n = text.length;
  const stack: number[] = [];
  let i = 0;

  const fail = (at: number, message: string): JsonSyntaxError => ({ offset: at, ...lineColumn(text, at), message });
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };

  /** Scans a string starting at the quote at i; null when it is well formed. */
  const string = (what: string): JsonSyntaxError | null => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c === 0x5c) {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, 'a \\u escape needs exactly 4 hexadecimal digits');
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') {
          i += 2;
        } else {
          return fail(i, i + 1 >= n ? `${what} is never closed` : `'\\${e}' is not a valid escape in a string (use \\\\ for a backslash)`);
        }
        continue;
      }
      if (c < 0x20) {
        const name = c === 0x0a || c === 0x0d ? 'a line break' : c === 0x09 ? 'a tab' : `the control character ${codePoint(c)}`;
        return fail(i, `${what} contains ${name}, which JSON only allows escaped (\\n, \\t, \\u0000 …); was a closing quote forgotten?`);
      }
      i++;
    }
    return fail(start, `${what} starts here but is never closed; the text may be cut off`);
  };

  const number = (): JsonSyntaxError | null => {
    if (text.charAt(i) === '-') i++;
    if (!isDigit(text, i)) return fail(i, `expected a digit after '-', found ${found(text, i)}`);
    if (text.charAt(i) === '0') {
      i++;
      if (isDigit(text, i)) return fail(i - 1, 'numbers cannot start with a 0 followed by more digits');
    } else while (isDigit(text, i)) i++;
    if (text.charAt(i) === '.') {
      i++;
      if (!isDigit(text, i)) return fail(i, `expected a digit after the decimal point, found ${found(text, i)}`);
      while (isDigit(text, i)) i++;
    }
    if (text.charAt(i) === 'e' || text.charAt(i) === 'E') {
      i++;
      if (text.charAt(i) === '+' || text.charAt(i) === '-') i++;
      if (!isDigit(text, i)) return fail(i, `expected a digit in the exponent, found ${found(text, i)}`);
      while (isDigit(text, i)) i++;
    }
    return null;
  };

  /** A value starts at i (after whitespace). Containers are pushed; scalars are consumed. */
  const value = (): Step => {
    const c = text.charAt(i);
    if (c === '{') {
      stack.push(OBJECT);
      i++;
      ws();
      if (text.charAt(i) === '}') {
        stack.pop();
        i++;
        return null;
      }
      return key();
    }
    if (c === '[') {
      stack.push(ARRAY);
      i++;
      ws();
      if (text.charAt(i) === ']') {
        stack.pop();
        i++;
        return null;
      }
      return PENDING;
    }
    if (c === '"') return string('a string');
    if (c === '-' || isDigit(text, i)) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
    }
    return fail(i, unexpectedValue(text, i));
  };

  /** A property name is expected at i, then ':' and a value. */
  const key = (): Step => {
    const c = text.charAt(i);
    if (c !== '"') {
      if (c === '}') return fail(i, "a comma before '}' is not allowed in JSON (remove the trailing comma)");
      if (c === "'") return fail(i, 'property names must be in double quotes, not single quotes');
      if (/[A-Za-z_$]/.test(c)) return fail(i, `property names must be in double quotes: write "${word(text, i)}"`);
      return fail(i, `expected a property name in double quotes, found ${found(text, i)}`);
    }
    const err = string('a property name');
    if (err) return err;
    ws();
    if (text.charAt(i) !== ':') return fail(i, `expected ':' after the property name, found ${found(text, i)}`);
    i++;
    ws();
    return PENDING;
  };

  ws();
  if (i >= n) return fail(i, 'the text is empty or only whitespace; expected a JSON value');
  let pending = true;
  for (;;) {
    if (pending) {
      const err = value();
      if (err && err !== PENDING) return err;
      if (err === PENDING) {
        ws();
        if (i >= n) return fail(i, 'the text ends where a value was expected; it may be cut off');
        continue;
      }
      pending = false;
    }
    ws();
    const top = stack.length ? stack[stack.length - 1] : -1;
    const c = text.charAt(i);
    if (top < 0) {
      if (i < n) return fail(i, `unexpected ${found(text, i)} after the end of the JSON value`);
      return null;
    }
    const close = top === ARRAY ? ']' : '}';
    if (c === ',') {
      i++;
      ws();
      if (top === ARRAY) {
        if (text.charAt(i) === ']') return fail(i, "a comma before ']' is not allowed in JSON (remove the trailing comma)");
        if (i >= n) return fail(i, 'the text ends after a comma; it may be cut off');
        pending = true;
      } else {
        if (i >= n) return fail(i, 'the text ends after a comma; it may be cut off');
        const err = key();
        if (err && err !== PENDING) return err;
        if (i >= n) return fail(i, 'the text ends where a value was expected; it may be cut off');
        pending = true;
      }
      continue;
    }
    if (c === close) {
      stack.pop();
      i++;
      continue;
    }
    if (i >= n) {
      const what = top === ARRAY ? "an array ('[')" : "an object ('{')";
      return fail(i, `the text ends inside ${what}; it may be cut off`);
    }
    const after = top === ARRAY ? 'an array item' : 'a property value';
    return fail(i, `expected ',' or '${close}' after ${after}, found ${found(text, i)}`);
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** How the character at i reads in a message. */
function found(text: string, i: number): string {
  if (i >= text.length) return 'the end of the text';
  const c = text.codePointAt(i)!;
  if (c >= 0x21 && c <= 0x7e) return `'${String.fromCodePoint(c)}'`;
  if (c === 0xfeff) return 'a byte order mark (U+FEFF)';
  if (c > 0x7e && c !== 0xa0 && !(c >= 0x80 && c < 0xa0) && !(c >= 0xd800 && c < 0xe000)) return `'${String.fromCodePoint(c)}' (${codePoint(c)})`;
  return codePoint(c);
}

function word(text: string, i: number): string {
  return /^[A-Za-z0-9_$]{1,40}/.exec(text.slice(i, i + 40))?.[0] ?? text.charAt(i);
}

function unexpectedValue(text: string, i: number): string {
  if (i >= text.length) return 'the text ends where a value was expected; it may be cut off';
  const c = text.charAt(i);
  if (c === "'") return 'strings must be in double quotes, not single quotes';
  if (c === '/') return 'JSON does not allow comments';
  if (c === ']') return "a comma before ']' is not allowed in JSON, or a value is missing";
  const w = word(text, i);
  if (w === 'NaN' || w === 'Infinity') return `JSON has no ${w}; numbers must be finite`;
  if (c === '+') return "numbers cannot start with '+'";
  if (c === '.') return 'numbers need a digit before the decimal point (write 0.5, not .5)';
  if (/[A-Za-z_$]/.test(c)) return `expected a value (a string in double quotes, a number, true, false, null, an object or an array), found the word '${w}'`;
  return `expected a value, found ${found(text, i)}`;
}

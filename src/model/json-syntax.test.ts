import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findJsonSyntaxError, lineColumn } from './json-syntax';

function accepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Text near JSON: valid JSON, JSON with a few characters inserted or removed, cut-off JSON, JSON-ish soup. */
const nearJson = fc.oneof(
  fc.json(),
  fc.string({ unit: fc.constantFrom(...'{}[],:"\\ \t\n\r0123456789-+.eEtrufalsn\'/u\u2028\u0000'.split('')), maxLength: 40 }),
  fc.tuple(fc.json(), fc.nat(), fc.string({ unit: 'binary', maxLength: 3 })).map(([j, k, s]) => {
    const p = k % (j.length + 1);
    return j.slice(0, p) + s + j.slice(p);
  }),
  fc.tuple(fc.json(), fc.nat(), fc.nat(3)).map(([j, k, n]) => {
    const p = k % (j.length + 1);
    return j.slice(0, p) + j.slice(p + n);
  }),
  fc.tuple(fc.json(), fc.nat()).map(([j, k]) => j.slice(0, k % (j.length + 1))),
);

describe('findJsonSyntaxError', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    fc.assert(
      fc.property(nearJson, (text) => {
        expect(findJsonSyntaxError(text) === null).toBe(accepts(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('places the error on the offending character', () => {
    expect(findJsonSyntaxError('{"a": 1,\n "b" 2}')).toEqual({ offset: 14, line: 2, column: 6, message: "expected ':' after the property name, found '2'" });
    expect(findJsonSyntaxError('[1, 2 3]')).toEqual({ offset: 6, line: 1, column: 7, message: "expected ',' or ']' after an array item, found '3'" });
    expect(findJsonSyntaxError('{"a": 01}')).toMatchObject({ column: 7, message: 'numbers cannot start with a 0 followed by more digits' });
  });

  it('explains common mistakes in words', () => {
    const message = (t: string) => findJsonSyntaxError(t)?.message;
    expect(message('[1,]')).toBe("a comma before ']' is not allowed in JSON (remove the trailing comma)");
    expect(message('{"a": 1,}')).toBe("a comma before '}' is not allowed in JSON (remove the trailing comma)");
    expect(message("['a']")).toBe('strings must be in double quotes, not single quotes');
    expect(message('{a: 1}')).toBe('property names must be in double quotes: write "a"');
    expect(message('[Infinity]')).toBe('JSON has no Infinity; numbers must be finite');
    expect(message('[.5]')).toBe('numbers need a digit before the decimal point (write 0.5, not .5)');
    expect(message('/* c */ {}')).toBe('JSON does not allow comments');
    expect(message('"a\nb"')).toBe('a string contains a line break, which JSON only allows escaped (\\n, \\t, \\u0000 …); was a closing quote forgotten?');
    expect(message('"\\q"')).toBe("'\\q' is not a valid escape in a string (use \\\\ for a backslash)");
    expect(message('[tru]')).toBe("expected a value (a string in double quotes, a number, true, false, null, an object or an array), found the word 'tru'");
    expect(message('{"a": [1, 2')).toBe("the text ends inside an array ('['); it may be cut off");
    expect(message('{} {}')).toBe("unexpected '{' after the end of the JSON value");
    expect(message('[1, \u00a0 2]')).toBe('expected a value, found U+00A0');
  });

  it('counts lines across \\n, \\r\\n and lone \\r, and columns from 1', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\rcd', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(findJsonSyntaxError('{\r\n  "a": x\r\n}')).toMatchObject({ line: 2, column: 8 });
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../engine';
import { base64Lines, docText, pyFloat, pyString } from './python-text';

describe('base64Lines', () => {
  it('matches Node base64 for every length remainder, wrapped at 76 characters', () => {
    const rng = createRng(2);
    for (const n of [0, 1, 2, 3, 4, 5, 56, 57, 58, 1000]) {
      const bytes = new Uint8Array(n).map(() => rng.nextUint32() & 255);
      const text = base64Lines(bytes);
      const lines = text === '' ? [] : text.split('\n');
      expect(lines.join('')).toBe(Buffer.from(bytes).toString('base64'));
      for (const l of lines.slice(0, -1)) expect(l).toHaveLength(76);
      if (lines.length) expect(lines.at(-1)!.length).toBeLessThanOrEqual(76);
    }
    expect(base64Lines(new Uint8Array([1, 2, 3, 4, 5, 6, 7]), 4)).toBe('AQID\nBAUG\nBw==');
    expect(() => base64Lines(new Uint8Array(3), 6)).toThrow('multiple of 4, got 6');
  });
});

describe('Python literals', () => {
  it('escapes strings to one line', () => {
    expect(pyString('plain name')).toBe('"plain name"');
    expect(pyString('a"b\\c\nd\te\x01\u2028')).toBe('"a\\"b\\\\c\\nd\\te\\x01\\u2028"');
    expect(pyString('名前 ✓')).toBe('"名前 ✓"');
    expect(pyString('\ud800x')).toBe('"\\ud800x"');
  });

  it('keeps docstring text on one line, with only backslashes and quotes escaped', () => {
    expect(docText('My "net"\nv2 \\ \ud800')).toBe('My \\"net\\" v2 \\\\ \ufffd');
    expect(docText('名前 😀')).toBe('名前 😀');
  });

  it('writes floats Python reads back exactly', () => {
    expect(pyFloat(0)).toBe('0.0');
    expect(pyFloat(1)).toBe('1.0');
    expect(pyFloat(0.01)).toBe('0.01');
    expect(pyFloat(1e-7)).toBe('1e-7');
    expect(pyFloat(1.5e21)).toBe('1.5e+21');
    expect(() => pyFloat(Number.NaN)).toThrow('finite');
  });
});

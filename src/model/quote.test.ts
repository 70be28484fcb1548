import { describe, expect, it } from 'vitest';
import { parseModelDocument, type DocumentProblem } from './index';
import { clipText, quoteText } from './quote';

/** Lengths as the format counts them (UTF-16 units), and messages that echo user text only clipped. */

const doc = (extra: Record<string, unknown> = {}, node: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'backprop-studio/model',
    version: 1,
    nodes: [{ id: 'in', type: 'Input', params: { features: 2 }, position: { x: 0, y: 0 }, ...node }],
    edges: [],
    ...extra,
  });

function errors(text: string): DocumentProblem[] {
  const r = parseModelDocument(text);
  return r.ok ? [] : r.errors;
}

describe('lengths in UTF-16 units', () => {
  const emoji = '😀';

  it('refuses a name of 101 emoji (202 units) over the limit of 200', () => {
    expect(errors(doc({ name: emoji.repeat(100) }))).toEqual([]);
    expect(errors(doc({ name: emoji.repeat(101) }))).toEqual([{ path: '$.name', message: 'Field name: is 202 characters long; it must be at most 200.' }]);
  });

  it('counts ids and labels the same way', () => {
    expect(errors(doc({}, { id: emoji.repeat(64) }))).toEqual([]);
    expect(errors(doc({}, { id: emoji.repeat(65) }))[0].message).toMatch(/id: an id is at most 128 characters long/);
    expect(errors(doc({}, { label: 'é'.repeat(200) }))).toEqual([]);
    expect(errors(doc({}, { label: emoji.repeat(100) + 'x' }))[0].message).toMatch(/label: is 201 characters long; it must be at most 200\./);
  });
});

describe('messages quote user text clipped', () => {
  it('answers a 1M-character unknown key with a short message and path', () => {
    const key = 'k'.repeat(1_000_000);
    const [e] = errors(doc({ [key]: 1 }));
    expect(e.message).toMatch(/^Field k+…: unknown field 'k+…'/);
    expect(e.message.length).toBeLessThan(300);
    expect(e.path.length).toBeLessThan(80);
  });

  it('clips a long unknown parameter, node type and stored weight name', () => {
    const long = 'p'.repeat(100_000);
    const all = [
      ...errors(doc({}, { params: { [long]: 1 } })),
      ...errors(doc({}, { type: long })),
    ];
    expect(all.length).toBeGreaterThan(1);
    for (const e of all) {
      expect(e.message.length).toBeLessThan(400);
      expect(e.path.length).toBeLessThan(120);
    }
  });

  it('never splits a surrogate pair, and escapes control characters', () => {
    const s = 'a'.repeat(58) + '😀' + 'b';
    expect(clipText(s)).toBe('a'.repeat(58) + '…');
    expect(quoteText('a\nb')).toBe("'a\\u000ab'");
    expect(quoteText('short')).toBe("'short'");
  });
});

import { describe, expect, it } from 'vitest';
import { smallDocument } from './document-arbitraries';
import { parseModelDocument } from './parse';
import type { ModelDocument } from './schema';
import { serializeModelDocument } from './serialize';

function reread(text: string): ModelDocument {
  const r = parseModelDocument(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

/** The same object with its keys inserted in reverse order, at every level. */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)]));
}

describe('serializeModelDocument', () => {
  it('writes fields in the schema order, 2-space indented, number lists on one line', () => {
    const text = serializeModelDocument(smallDocument());
    expect(text.startsWith('{\n  "format": "backprop-studio/model",\n  "version": 2,\n  "name": "Two-layer net",\n  "seed": 7,\n  "nodes": [\n')).toBe(true);
    expect(text).toContain(
      '    {\n      "id": "relu",\n      "type": "ReLU",\n      "params": {},\n      "position": {\n        "x": 400,\n        "y": 0\n      },\n      "label": "hidden activation"\n    }',
    );
    expect(text).toContain('"shape": [3, 2],');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(smallDocument())));
  });

  it('does not depend on the order keys were inserted in', () => {
    const doc = smallDocument();
    expect(serializeModelDocument(reversedKeys(doc) as ModelDocument)).toBe(serializeModelDocument(doc));
  });

  it('orders weights like the nodes, and each layer’s tensors as w then b, even for numeric ids', () => {
    const doc = smallDocument();
    doc.nodes[3].id = '10';
    doc.nodes[1].id = '9';
    doc.edges = [];
    const { fc1, fc2 } = doc.weights!;
    doc.weights = { 10: { b: fc2.b, w: fc2.w }, 9: { b: fc1.b, w: fc1.w } };
    const text = serializeModelDocument(doc);
    expect(text.indexOf('"9": {')).toBeLessThan(text.indexOf('"10": {'));
    expect(text.indexOf('"w": {')).toBeLessThan(text.indexOf('"b": {'));
    expect(reread(text)).toEqual(doc);
  });

  it('round-trips through the reader, −0 included', () => {
    const doc = smallDocument();
    doc.nodes[0].position = { x: -0, y: 1e-300 };
    doc.nodes[1].params.wstd = -0;
    const back = reread(serializeModelDocument(doc));
    expect(back).toEqual(doc);
    expect(Object.is(back.nodes[0].position.x, -0)).toBe(true);
  });

  it('refuses to write a value JSON cannot hold, naming where it is', () => {
    const doc = smallDocument();
    doc.nodes[2].position.y = NaN;
    expect(() => serializeModelDocument(doc)).toThrow('serializeModelDocument: $.nodes[2].position.y is NaN, which JSON cannot hold');
  });
});

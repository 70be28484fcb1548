import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFloat32 } from './base64';
import { parseModelDocument, type DocumentProblem } from './parse';

/* eslint-disable @typescript-eslint/no-explicit-any -- examples are broken on purpose */

/** docs/model-format.md is what users read: its examples must be what the reader does. */
const markdown = readFileSync(resolve(__dirname, '../../docs/model-format.md'), 'utf8');
const jsonBlocks = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
const completeExample = jsonBlocks[0];

function errorsOf(doc: unknown): DocumentProblem[] {
  const r = parseModelDocument(typeof doc === 'string' ? doc : JSON.stringify(doc));
  if (r.ok) throw new Error('expected a refusal');
  return r.errors;
}

describe('docs/model-format.md', () => {
  it('has JSON examples that are valid documents', () => {
    expect(jsonBlocks.length).toBeGreaterThanOrEqual(2);
    for (const block of jsonBlocks) {
      const r = parseModelDocument(block);
      expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    }
  });

  it('encodes the worked example’s weights as it says', () => {
    const r = parseModelDocument(completeExample);
    if (!r.ok) throw new Error('example does not parse');
    expect(Array.from(decodeFloat32(r.doc.weights!.fc1.w.data) as Float32Array)).toEqual([1, -2, 0.5, 0, 0.25, -1]);
    expect(Array.from(decodeFloat32(r.doc.weights!.fc1.b.data) as Float32Array)).toEqual([0.5, -1, 0]);
    expect(markdown).toContain('1.0 is the bytes `00 00 80 3F` and −2.0 is `00 00 00 C0`');
    const bytes = new Uint8Array(Float32Array.of(1, -2).buffer);
    expect(Array.from(bytes)).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  it('shows messages the reader really gives', () => {
    const shown = [...markdown.matchAll(/^(\$\S*)\s{2,}(.+)$/gm)].map((m) => ({ path: m[1], message: m[2] }));
    expect(shown).toHaveLength(6);
    const base = () => JSON.parse(completeExample);
    const cases: ((d: any) => void)[] = [
      (d) => {
        d.nodes[1].params.outFeatures = 3;
        delete d.nodes[1].params.out_features;
      },
      (d) => (d.nodes[2].type = 'Relu'),
      (d) => (d.edges[3].target = 'los'),
      (d) => (d.weights.fc1.w.data = 'AACAPwAAAMAAAAA/AAAAAAAAgD4='),
      (d) => (d.version = 3),
      (d) => (d.lesson = { title: 'Links', steps: [{ title: 'Read more', text: 'See [this](javascript:alert(1)).' }] }),
    ];
    cases.forEach((change, i) => {
      const d = base();
      change(d);
      expect(errorsOf(d)).toContainEqual(shown[i]);
    });
    expect(markdown).toContain(errorsOf('{\n  "format": "backprop-studio/model",\n  "version": 2,\n  "nodes": [,]\n}')[0].message);
  });
});

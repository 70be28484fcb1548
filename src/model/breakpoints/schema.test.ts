import { describe, expect, it } from 'vitest';
import { parseModelDocument } from '../parse';
import { MAX_BREAKPOINTS } from '../schema';

const doc = (breakpoints: unknown) =>
  JSON.stringify({
    format: 'backprop-studio/model',
    version: 2,
    nodes: [{ id: 'x', type: 'Input', params: { features: 2 } }],
    edges: [],
    breakpoints,
  });

describe('breakpoints in the document', () => {
  it('reads entries with defaults filled in, and documents without any', () => {
    const r = parseModelDocument(doc([{ condition: 'dead-units', node: 'relu1', threshold: 0.5 }, { condition: 'plateau', on: false }]));
    expect(r.ok && r.doc.breakpoints).toEqual([{ condition: 'dead-units', on: true, node: 'relu1', threshold: 0.5 }, { condition: 'plateau', on: false }]);
    const old = parseModelDocument(doc(undefined));
    expect(old.ok && old.doc.breakpoints).toBeUndefined();
  });

  it('refuses a threshold out of range, a node on a model-wide condition, an unknown condition and too many entries', () => {
    const refused = (b: unknown) => {
      const r = parseModelDocument(doc(b));
      return r.ok ? [] : r.errors.map((e) => e.path);
    };
    expect(refused([{ condition: 'dead-units', threshold: 1.5 }])).toContain('$.breakpoints[0].threshold');
    expect(refused([{ condition: 'vanishing', epsilon: 0 }])).toContain('$.breakpoints[0].epsilon');
    expect(refused([{ condition: 'plateau', evaluations: 2.5 }])).toContain('$.breakpoints[0].evaluations');
    expect(refused([{ condition: 'divergence', node: 'fc1' }]).length).toBeGreaterThan(0);
    expect(refused([{ condition: 'dead-relus' }]).length).toBeGreaterThan(0);
    expect(refused(Array.from({ length: MAX_BREAKPOINTS + 1 }, () => ({ condition: 'plateau' }))).length).toBeGreaterThan(0);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile';
import { parseModelDocument } from './parse';

const dir = new URL('../../public/examples/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')) as { default: string; examples: { file: string; name: string; description: string }[] };

describe('built-in examples', () => {
  it('the index lists every example file and names an existing default', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
    expect(index.examples.map((e) => e.file).sort()).toEqual(files);
    expect(files).toContain(index.default);
  });

  it.each(index.examples.map((e) => [e.file, e] as const))('%s parses and compiles without problems', (file, entry) => {
    const parsed = parseModelDocument(readFileSync(new URL(file, dir), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.doc.name).toBe(entry.name);
    expect(parsed.doc.training).toBeDefined();
    const compiled = compileGraph(parsed.doc);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.plan.lossNodeId).not.toBeNull();
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile';
import { parseModelDocument } from './parse';

const dir = new URL('../../public/examples/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')) as { default: string; examples: { file: string; name: string; description: string; lesson?: boolean }[] };

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

  it.each(index.examples.map((e) => [e.file, e] as const))('%s is marked a lesson exactly when it holds one, whose steps name what its graph has', (file, entry) => {
    const parsed = parseModelDocument(readFileSync(new URL(file, dir), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const { doc } = parsed;
    expect(!!entry.lesson).toBe(!!doc.lesson);
    if (!doc.lesson) return;
    for (const step of doc.lesson.steps) {
      // A step that shows another example is checked against that example's graph, which the index must list.
      let shown = doc;
      if (step.example) {
        expect(index.examples.map((e) => e.file)).toContain(step.example);
        const other = parseModelDocument(readFileSync(new URL(step.example, dir), 'utf8'));
        if (!other.ok) throw new Error(`${step.example} does not parse`);
        shown = other.doc;
      }
      const nodes = new Set(shown.nodes.map((n) => n.id));
      const edges = new Set(shown.edges.map((e) => e.id));
      const compiled = compileGraph(shown);
      if (!compiled.ok) throw new Error('does not compile');
      for (const id of step.highlight?.nodes ?? []) expect(nodes, `${step.title}: node ${id}`).toContain(id);
      for (const id of step.highlight?.edges ?? []) expect(edges, `${step.title}: edge ${id}`).toContain(id);
      // A stepped pass past its end would stop at the end: the step would not show what it says.
      if (step.run?.kind === 'stepped') expect(step.run.to).toBeLessThanOrEqual(2 * compiled.plan.layers.length);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkMigrationChain, MIGRATIONS, MigrationError, migrateDocument, oldestReadableVersion, V1_TO_V2, type Migration } from './migrations';
import { parseModelDocument } from './parse';
import { CURRENT_VERSION } from './schema';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations handle documents of unknown shape */

/**
 * A made-up version 0, to exercise the mechanism: no `format`, a `title` instead of
 * `name`, nodes with `kind` (lower case) instead of `type`, camelCase parameters and a
 * flat x/y, and `links` without ids instead of `edges`.
 */
const v0Text = JSON.stringify({
  version: 0,
  title: 'Old net',
  nodes: [
    { id: 'in', kind: 'input', params: { features: 2 }, x: 0, y: 10 },
    { id: 'fc', kind: 'linear', params: { inFeatures: 2, outFeatures: 3 }, x: 100, y: 10 },
    { id: 'act', kind: 'leakyrelu', params: { alpha: 0.2 }, x: 200, y: 10 },
  ],
  links: [
    { from: 'in', to: 'fc' },
    { from: 'fc', to: 'act' },
  ],
});

const KINDS: Record<string, string> = { input: 'Input', linear: 'Linear', relu: 'ReLU', leakyrelu: 'LeakyReLU' };

const v0ToV1: Migration = {
  from: 0,
  to: 1,
  description: 'nodes have a type and snake_case parameters; links became edges with ids',
  migrate(doc: any) {
    const nodes = doc.nodes.map((n: any, i: number) => {
      const type = KINDS[n.kind];
      if (!type) throw new MigrationError(`unknown kind '${n.kind}'`, ['nodes', i, 'kind']);
      const params: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(n.params ?? {})) params[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
      return { id: n.id, type, params, position: { x: n.x, y: n.y } };
    });
    const edges = doc.links.map((l: any, i: number) => ({ id: `e${i + 1}`, source: l.from, target: l.to }));
    return { format: 'backprop-studio/model', version: 1, name: doc.title, nodes, edges };
  },
};

describe('migrations', () => {
  it('upgrades a version 0 document through the chain, then validates it as the current version', () => {
    const r = parseModelDocument(v0Text, { migrations: [v0ToV1, V1_TO_V2] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc).toEqual({
      format: 'backprop-studio/model',
      version: 2,
      name: 'Old net',
      seed: 42,
      nodes: [
        { id: 'in', type: 'Input', params: { features: 2 }, position: { x: 0, y: 10 } },
        { id: 'fc', type: 'Linear', params: { in_features: 2, out_features: 3 }, position: { x: 100, y: 10 } },
        { id: 'act', type: 'LeakyReLU', params: { alpha: 0.2 }, position: { x: 200, y: 10 } },
      ],
      edges: [
        { id: 'e1', source: 'in', target: 'fc' },
        { id: 'e2', source: 'fc', target: 'act' },
      ],
    });
    expect(r.warnings).toEqual([
      {
        path: '$.version',
        message:
          'This document was written in version 0 of the format and has been upgraded to version 2 (nodes have a type and snake_case parameters; links became edges with ids; documents may carry a lesson); saving it writes version 2.',
      },
    ]);
  });

  it('reports a step that fails as an error with the path it names, never a throw', () => {
    const text = v0Text.replace('"leakyrelu"', '"gelu"');
    expect(parseModelDocument(text, { migrations: [v0ToV1, V1_TO_V2] })).toEqual({
      ok: false,
      errors: [
        {
          path: '$.nodes[2].kind',
          message:
            "Upgrading the document from version 0 to 1 (nodes have a type and snake_case parameters; links became edges with ids) failed: unknown kind 'gelu'",
        },
      ],
    });
  });

  it('reports a step that crashes at the root of the document', () => {
    const r = parseModelDocument(v0Text.replace('"links"', '"edges"'), { migrations: [v0ToV1, V1_TO_V2] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].path).toBe('$');
    expect(r.errors[0].message).toMatch(/^Upgrading the document from version 0 to 1 \(.*\) failed: .*map/);
  });

  it('validates the upgraded document like any other', () => {
    const text = v0Text.replace('"outFeatures":3', '"outFeatures":"three"');
    const r = parseModelDocument(text, { migrations: [v0ToV1, V1_TO_V2] });
    expect(r).toEqual({
      ok: false,
      errors: [{ path: '$.nodes[1].params.out_features', message: "Linear node 'fc', parameter out_features: expected a number, got a string ('three')." }],
    });
  });

  it('refuses a step that does not produce the version it promised', () => {
    const lazy: Migration = { from: 0, to: 1, description: 'nothing', migrate: (d) => d };
    expect(migrateDocument({ version: 0 }, 0, [lazy], 1)).toEqual({
      ok: false,
      error: { path: '$.version', message: 'Upgrading the document from version 0 to 1 did not produce a version 1 document.' },
    });
  });

  it('applies several steps in order', () => {
    const seen: number[] = [];
    const step = (from: number): Migration => ({
      from,
      to: from + 1,
      description: `step ${from}`,
      migrate: (d: any) => {
        seen.push(from);
        return { ...d, version: from + 1, trail: [...(d.trail ?? []), from] };
      },
    });
    const chain = [step(2), step(0), step(1)];
    const r = migrateDocument({ version: 0 }, 0, chain, 3);
    expect(seen).toEqual([0, 1, 2]);
    expect(r).toMatchObject({ ok: true, doc: { version: 3, trail: [0, 1, 2] } });
    expect(oldestReadableVersion(chain, 3)).toBe(0);
    expect(migrateDocument({ version: 1 }, 1, chain, 3)).toMatchObject({ ok: true, doc: { version: 3, trail: [1, 2] } });
  });

  it('says which versions it reads when a step is missing', () => {
    expect(migrateDocument({}, 0, [], 1)).toEqual({
      ok: false,
      error: { path: '$.version', message: 'This document is version 0, which this Backprop Studio cannot upgrade; it reads versions 1 to 1.' },
    });
  });

  it('refuses an inconsistent chain instead of looping', () => {
    const back: Migration = { from: 1, to: 0, description: 'down', migrate: (d) => d };
    const twice: Migration[] = [v0ToV1, { ...v0ToV1 }];
    expect(checkMigrationChain([back], 1)).toEqual(['the step from 1 to 0 does not go up by one version']);
    expect(checkMigrationChain(twice, 1)).toEqual(['version 0 has more than one step']);
    expect(checkMigrationChain([{ ...v0ToV1, from: 1, to: 2 }], 1)).toEqual(['the step from 1 to 2 goes past version 1']);
    const r = migrateDocument({}, 0, twice, 1);
    expect(r.ok).toBe(false);
  });

  it('ships a consistent chain that reaches the current version', () => {
    expect(checkMigrationChain(MIGRATIONS)).toEqual([]);
    expect(oldestReadableVersion(MIGRATIONS)).toBeLessThanOrEqual(CURRENT_VERSION);
    for (const m of MIGRATIONS) expect(m.description.length).toBeGreaterThan(0);
  });
});

describe('version 1 to 2', () => {
  const v1 = { format: 'backprop-studio/model', version: 1, name: 'n', nodes: [{ id: 'in', type: 'Input', params: { features: 2 } }], edges: [] };

  it('opens a version 1 document unchanged but for its version, and says it was upgraded', () => {
    const r = parseModelDocument(JSON.stringify(v1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc).toMatchObject({ ...v1, version: 2 });
    expect(r.doc.lesson).toBeUndefined();
    expect(r.warnings).toEqual([
      {
        path: '$.version',
        message: 'This document was written in version 1 of the format and has been upgraded to version 2 (documents may carry a lesson); saving it writes version 2.',
      },
    ]);
  });

  it('refuses a version 1 document that claims a lesson, at the lesson', () => {
    const r = parseModelDocument(JSON.stringify({ ...v1, lesson: { title: 't', steps: [{ title: 's' }] } }));
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: '$.lesson',
          message: 'Upgrading the document from version 1 to 2 (documents may carry a lesson) failed: a version 1 document cannot have a lesson (lessons arrived in version 2)',
        },
      ],
    });
  });
});

describe('migrations and unsafe documents', () => {
  it('does not upgrade a document with forbidden keys; it reports them at the paths of the file', () => {
    let ran = false;
    const spy: Migration = { ...v0ToV1, migrate: (d) => ((ran = true), v0ToV1.migrate(d)) };
    const text = v0Text.replace('"title"', '"__proto__":{"x":1},"title"');
    const r = parseModelDocument(text, { migrations: [spy, V1_TO_V2] });
    expect(ran).toBe(false);
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: '$.__proto__',
          message: "Field __proto__: the field name '__proto__' is not allowed anywhere in a model document (it could tamper with JavaScript objects); remove it.",
        },
      ],
    });
  });

  it('checks what a step produces for safety too', () => {
    const sloppy: Migration = { ...v0ToV1, migrate: (d) => ({ ...(v0ToV1.migrate(d) as object), seed: Infinity }) };
    const r = parseModelDocument(v0Text, { migrations: [sloppy, V1_TO_V2] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ path: '$.seed', message: 'Field seed: the number is too large to represent (it reads as Infinity); numbers must be finite.' }]);
  });
});

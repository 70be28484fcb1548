import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelDocument, type ModelDocument } from '../model';
import { prepareDataset } from './datasets';
import { csvText, trainingExportFiles } from './export-training';

function example(file: string): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`${file} does not parse`);
  return r.doc;
}

const text = (d: string | Uint8Array) => (typeof d === 'string' ? d : new TextDecoder().decode(d));

describe('trainingExportFiles', () => {
  it('writes the script and the split the app trains on, every value exactly', () => {
    const doc = example('spiral.json');
    const out = trainingExportFiles(doc, { weights: 'initial', folder: 'spiral-training' });
    if (!out.ok) throw new Error(out.reason);
    expect(out.files.map((f) => f.name)).toEqual(['spiral-training/train.py', 'spiral-training/data/train.csv', 'spiral-training/data/test.csv']);
    const prepared = prepareDataset(doc.training!.dataset, doc.seed, { features: 2, classes: 3 });
    if (!prepared.ok) throw new Error('no data');
    const rows = text(out.files[1].data).trim().split('\n');
    expect(rows[0]).toBe('x1,x2,class');
    expect(rows).toHaveLength(prepared.split.train.y.length + 1);
    rows.slice(1).forEach((row, i) => {
      const [a, b, c] = row.split(',');
      expect(Math.fround(Number(a))).toBe(prepared.split.train.x[2 * i]);
      expect(Math.fround(Number(b))).toBe(prepared.split.train.x[2 * i + 1]);
      expect(Number(c)).toBe(prepared.split.train.y[i]);
    });
    const script = text(out.files[0].data);
    expect(script).toContain('EPOCHS = 300');
    expect(script).toContain('BATCH_SIZE = 32');
    expect(script).toContain('OPTIMIZER = {"kind": "adam", "lr": 0.01,');
    expect(script).toContain("the weights the app's training starts from (seed 42)");
    expect(script).toContain('torchrun --nproc_per_node=2 train.py');
  });

  it('embeds the current weights or the initial ones, as asked', () => {
    const doc = example('spiral.json');
    const initial = trainingExportFiles(doc, { weights: 'initial' });
    const trained: ModelDocument = { ...doc, weights: { fc1: { w: { shape: [32, 2], dtype: 'float32', data: Buffer.from(new Float32Array(64).fill(0.5).buffer).toString('base64') }, b: { shape: [32], dtype: 'float32', data: Buffer.from(new Float32Array(32).buffer).toString('base64') } } } };
    const current = trainingExportFiles(trained, { weights: 'current' });
    const again = trainingExportFiles(trained, { weights: 'initial' });
    if (!initial.ok || !current.ok || !again.ok) throw new Error('export failed');
    expect(text(again.files[0].data)).toBe(text(initial.files[0].data));
    expect(text(current.files[0].data)).not.toBe(text(initial.files[0].data));
    expect(text(current.files[0].data)).toContain('the weights it had when exported');
  });

  it('writes regression targets and the task', () => {
    const out = trainingExportFiles(example('sine-regression.json'), { weights: 'initial' });
    if (!out.ok) throw new Error(out.reason);
    expect(text(out.files[1].data).split('\n')[0]).toBe('x1,y');
    expect(text(out.files[0].data)).toContain('TASK = "regression"');
  });

  it('refuses what it cannot write, saying why', () => {
    const doc = example('spiral.json');
    const noLoss: ModelDocument = { ...doc, nodes: doc.nodes.filter((n) => n.type !== 'CrossEntropyLoss'), edges: doc.edges.filter((e) => e.target !== 'loss') };
    const r1 = trainingExportFiles(noLoss, { weights: 'initial' });
    expect(r1.ok ? '' : r1.reason).toMatch(/loss/);
    const r2 = trainingExportFiles(example('digits.json'), { weights: 'initial' });
    expect(r2.ok ? '' : r2.reason).toMatch(/digits have not been loaded/);
  });

  it('quotes CSV headers that hold commas or quotes', () => {
    const csv = csvText({ name: 'd', features: 1, classes: 2, x: Float32Array.of(0.1), y: Int32Array.of(1), featureNames: ['a,"b"'] });
    expect(csv).toBe('"a,""b""",class\n0.10000000149011612,1\n');
  });

  it('writes a script Python parses', () => {
    const probe = spawnSync('python3', ['--version']);
    if (probe.error || probe.status !== 0) return void console.warn('python3 not found: the syntax check is skipped');
    const out = trainingExportFiles({ ...example('spiral.json'), name: 'Quotes " and \\ backslashes' }, { weights: 'initial' });
    if (!out.ok) throw new Error(out.reason);
    const r = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: text(out.files[0].data), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelDocument, type ModelDocument } from '../model';
import { MAX_ENTRIES, MIN_ENTRIES, MIN_SAMPLES, type GradcheckProgress } from './gradcheck-run';
import { EngineService } from './service';

function example(file: string): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

describe('EngineService: the gradient check with progress and Cancel', () => {
  it('checks the homework MLP whole-heartedly (256 entries per tensor), as the plain check does', async () => {
    const s = new EngineService();
    s.load(example('homework-mlp.json'), { weights: 'document' });
    const progress: GradcheckProgress[] = [];
    const r = (await s.checkGradients((p) => progress.push(p)))!;
    expect(r.passed).toBe(true);
    expect(r.layers.map((l) => l.nodeId)).toEqual(s.gradcheck().layers.map((l) => l.nodeId));
    const fc1 = r.layers[0].result;
    expect(fc1.input.checked).toBe(Math.min(MAX_ENTRIES, fc1.input.total));
    expect(fc1.params.map((p) => p.checked)).toEqual([MAX_ENTRIES, 100]);
    for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThan(progress[i - 1].done);
  });

  it("samples Question 1's large tensors, says how many of how many, and stays within a few seconds", async () => {
    const s = new EngineService();
    s.load(example('question-1.json'), { weights: 'document' });
    const progress: GradcheckProgress[] = [];
    const started = performance.now();
    const r = (await s.checkGradients((p) => progress.push(p)))!;
    const ms = performance.now() - started;
    expect(r.passed).toBe(true);
    const layer = r.layers.find((l) => l.nodeId === 'fc1')!;
    const fc1 = layer.result;
    // The first 8 samples of 64, and a random sample of each tensor's entries.
    expect(layer.samples).toEqual({ checked: MIN_SAMPLES, total: 64 });
    const per = fc1.input.checked;
    expect(per).toBeGreaterThanOrEqual(MIN_ENTRIES);
    expect(per).toBeLessThan(100);
    expect(fc1.input.total).toBe(MIN_SAMPLES * 1024);
    expect(fc1.params.map((p) => [p.checked, p.total])).toEqual([
      [per, 512 * 1024],
      [per, 512],
    ]);
    expect(layer.report).toContain(`${per}/8192 entries`);
    expect(layer.report).toContain('on the first 8 of the batch’s 64 samples'.replace('’', "'"));
    expect(progress.length).toBeGreaterThan(3);
    // The loss's input ([64, 512]) is cheap: checked whole-batch, 256 entries.
    expect(r.layers.find((l) => l.nodeId === 'loss')!.samples).toBeUndefined();
    expect(progress.at(-1)!.total).toBe(per * 3 + MAX_ENTRIES);
    console.log(`Question 1's gradient check: ${ms.toFixed(0)} ms, ${progress.length} progress reports`);
  });

  it('Cancel stops it within a slice and leaves the service ready for the next call', async () => {
    const s = new EngineService();
    s.load(example('question-1.json'), { weights: 'document' });
    let reports = 0;
    const pending = s.checkGradients(() => {
      if (++reports === 2) s.cancelGradcheck();
    });
    expect(await pending).toBeNull();
    expect(s.forward().loss).toBeGreaterThan(0);
  });

  it('a new check cancels the one under way, and finishes itself', async () => {
    const s = new EngineService();
    s.load(example('question-1.json'), { weights: 'document' });
    let second: Promise<unknown> | null = null;
    const first = s.checkGradients(() => {
      second ??= s.checkGradients();
    });
    expect(await first).toBeNull();
    expect(await second).toMatchObject({ passed: true });
  });
});

// @vitest-environment node
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseModelDocument, type ModelDocument } from '../../model';
import type { RunStore } from './run-store';
import { connectedStores } from './testing';

function example(file: string): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL(`../../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

function setup(file = 'spiral.json', edit?: (d: ModelDocument) => void) {
  const doc = example(file);
  edit?.(doc);
  const { editor, run, client, screen, dispose } = connectedStores(doc);
  disposers.push(dispose);
  return { editor, run, client, screen };
}

const settled = (run: RunStore) => expect.poll(() => run.getState().busy, { timeout: 10_000 }).toBeNull();

describe('run store: the editor and the engine worker together', () => {
  it('sends the document, runs forward and backward, and shows the dataset', async () => {
    const { run } = setup();
    await run.getState().syncNow();
    expect(run.getState().load?.ok).toBe(true);
    expect(run.getState().points?.features).toBe(2);
    await run.getState().runForward();
    expect(run.getState().forward?.loss).toBeGreaterThan(0);
    await run.getState().runBackward();
    expect(Object.keys(run.getState().backward!.edgeGradNorms).length).toBe(6);
  });

  it('ends the run when the engine crashes mid-run, for good, with no toast of its own: the restart says so once', async () => {
    const { run, client, screen } = setup('spiral.json', (d) => (d.training!.epochs = 10_000));
    await run.getState().syncNow();
    const training = run.getState().toggleTraining();
    await expect.poll(() => run.getState().training.state, { timeout: 10_000 }).toBe('running');
    await client.recover('Uncaught RangeError: Array buffer allocation failed');
    await training;
    // Progress the old run sent before it died (here the in-process stand-in's service goes
    // on sending it, as messages still in flight from a dead worker arrive) does not revive it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(run.getState().training.state).toBe('idle');
    expect(screen.getState().toasts.map((t) => t.text)).toEqual([]);
    expect(run.getState().error).toMatch(/The engine stopped unexpectedly \(it ran out of memory\)/);
  });

  it('re-sends the document after an edit, which clears stale results', async () => {
    const { editor, run } = setup();
    run.getState().setLive(false);
    await run.getState().syncNow();
    await run.getState().runForward();
    editor.getState().setParam('fc1', 'out_features', 16);
    editor.getState().setParam('fc2', 'in_features', 16);
    await expect.poll(() => run.getState().load?.plan?.layers[0].title, { timeout: 5000 }).toBe('Linear(2 → 16)');
    expect(run.getState().forward).toBeNull();
    // A move does not reload: the plan object stays the same.
    const plan = run.getState().load!.plan;
    editor.getState().moveNodes(new Map([['fc1', { x: 9, y: 9 }]]));
    await run.getState().syncNow();
    expect(run.getState().load!.plan).toBe(plan);
  });

  it('steps forward and back through a pass, announcing each step', async () => {
    const { run } = setup();
    await run.getState().syncNow();
    for (let i = 0; i < 3; i++) await run.getState().stepForward();
    expect(run.getState().steps.map((s) => s.label)).toEqual(['Forward 1/6: Linear(2 → 32)', 'Forward 2/6: ReLU', 'Forward 3/6: Linear(32 → 32)']);
    run.getState().stepBack();
    expect(run.getState().stepCursor).toBe(1);
    await run.getState().stepForward();
    expect(run.getState().stepCursor).toBe(2);
    expect(run.getState().steps.length).toBe(3);
    expect(run.getState().stepTotal).toBe(12);
  });

  it('trains, streams curves, writes trained weights back to the editor, and resets', async () => {
    const { editor, run } = setup('spiral.json', (d) => (d.training!.epochs = 3));
    await run.getState().syncNow();
    const before = editor.getState().weights;
    await run.getState().toggleTraining();
    await expect.poll(() => run.getState().training.state, { timeout: 20_000 }).toBe('finished');
    expect(run.getState().training.curves.points.length).toBeGreaterThan(0);
    expect(run.getState().training.boundary?.resolution).toBe(100);
    // The canvas's copy of the live snapshot ends on training's last one.
    expect(run.getState().liveSnapshot).not.toBeNull();
    expect(run.getState().liveSnapshot).toBe(run.getState().training.snapshot);
    await expect.poll(() => editor.getState().weights !== before, { timeout: 5000 }).toBe(true);
    const trained = editor.getState().weights!;
    expect(Object.keys(trained)).toEqual(['fc1', 'fc2', 'fc3']);
    await run.getState().resetWeights();
    await settled(run);
    expect(editor.getState().weights).not.toEqual(trained);
    expect(run.getState().training.state).toBe('idle');
    expect(run.getState().liveSnapshot).toBeNull();
  });

  it('an opened document brings its own weights; training restarts from step 0', async () => {
    const { editor, run } = setup('spiral.json', (d) => (d.training!.epochs = 1));
    await run.getState().syncNow();
    await run.getState().toggleTraining();
    await expect.poll(() => run.getState().training.state, { timeout: 20_000 }).toBe('finished');
    editor.getState().replaceDocument(example('homework-mlp.json'));
    await run.getState().syncNow();
    expect(run.getState().load?.plan?.inputFeatures).toBe(10);
    expect(run.getState().training.step).toBe(0);
    expect(run.getState().training.curves.points).toEqual([]);
  });
});

describe('run store: live mode', () => {
  it('runs a forward and backward pass on open and after every edit the engine cares about', async () => {
    const { editor, run } = setup();
    await expect.poll(() => run.getState().backward, { timeout: 5000 }).not.toBeNull();
    expect(run.getState().passCount).toBe(1);
    expect(Object.keys(run.getState().backward!.edgeGradNorms)).toHaveLength(6);
    await expect.poll(() => Object.keys(run.getState().jacobians)).toHaveLength(6);
    // A move changes nothing the engine computes: no pass.
    editor.getState().moveNodes(new Map([['fc1', { x: 9, y: 9 }]]));
    await run.getState().syncNow();
    await new Promise((r) => setTimeout(r, 50));
    expect(run.getState().passCount).toBe(1);
    editor.getState().setParam('fc1', 'out_features', 16);
    editor.getState().setParam('fc2', 'in_features', 16);
    await expect.poll(() => run.getState().backward?.forward.nodes.fc1?.shape, { timeout: 5000 }).toEqual([32, 16]);
    expect(run.getState().passCount).toBe(2);
    await expect.poll(() => run.getState().jacobians.fc1?.shape).toEqual([32, 16, 32, 2]);
  });

  it('a burst of edits runs passes for the first and the last, not one per edit', async () => {
    const { editor, run } = setup();
    await expect.poll(() => run.getState().passCount, { timeout: 5000 }).toBe(1);
    for (const wstd of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) {
      editor.getState().setParam('fc1', 'wstd', wstd);
      await new Promise((r) => setTimeout(r, 10));
    }
    await run.getState().syncNow();
    await expect.poll(() => run.getState().backward?.forward.nodes.fc1, { timeout: 5000 }).toBeTruthy();
    await new Promise((r) => setTimeout(r, 300));
    expect(run.getState().passCount).toBeGreaterThanOrEqual(2);
    expect(run.getState().passCount).toBeLessThanOrEqual(4);
  });

  it('with live mode off, nothing runs until asked', async () => {
    const { editor, run } = setup();
    run.getState().setLive(false);
    await run.getState().syncNow();
    await new Promise((r) => setTimeout(r, 100));
    // The pass on open may have been on its way already; an edit after the switch runs none.
    const before = run.getState().passCount;
    editor.getState().setParam('fc1', 'wstd', 0.3);
    await run.getState().syncNow();
    await new Promise((r) => setTimeout(r, 100));
    expect(run.getState().passCount).toBe(before);
    expect(run.getState().backward).toBeNull();
  });
});

describe('run store: what watching a pass needs', () => {
  it('fetches every layer’s input Jacobian after a pass, and forgets them after an edit', async () => {
    const { editor, run } = setup();
    run.getState().setLive(false);
    await run.getState().syncNow();
    await run.getState().runForward();
    await expect.poll(() => Object.keys(run.getState().jacobians)).toEqual(['fc1', 'relu1', 'fc2', 'relu2', 'fc3', 'loss']);
    const j = run.getState().jacobians;
    // Linear(2 → 32) on a batch of 32: block-diagonal, one 32 × 2 block per sample.
    expect(j.fc1.shape).toEqual([32, 32, 32, 2]);
    expect(j.fc1.pattern).toBe('block-diagonal');
    expect(j.fc1.nonZeros).toBe(32 * 32 * 2);
    expect(j.relu1.pattern).toBe('diagonal');
    editor.getState().setParam('fc1', 'out_features', 16);
    editor.getState().setParam('fc2', 'in_features', 16);
    await expect.poll(() => run.getState().load?.plan?.layers[0].title, { timeout: 5000 }).toBe('Linear(2 → 16)');
    expect(run.getState().jacobians).toEqual({});
  });

  it('a stepped pass starts at the first layer even after an inspection ran a whole forward pass', async () => {
    const { run } = setup();
    await run.getState().syncNow();
    expect(await run.getState().tensor('fc1', 'output')).not.toBeNull();
    await run.getState().stepForward();
    expect(run.getState().steps.map((s) => s.label)).toEqual(['Forward 1/6: Linear(2 → 32)']);
    // The first edge carries the batch: 32 spiral points of 2 coordinates.
    expect(run.getState().batch?.shape).toEqual([32, 2]);
    // Half-way through the forward phase a look inside would run the rest of the pass: it waits.
    expect(await run.getState().tensor('fc2', 'w')).toBeNull();
    await expect(run.getState().jacobian('fc2', 'input')).rejects.toThrow('half-way through its forward phase');
    await run.getState().stepForward();
    expect(run.getState().steps.at(-1)!.label).toBe('Forward 2/6: ReLU');
    for (let i = 0; i < 4; i++) await run.getState().stepForward();
    await expect.poll(() => Object.keys(run.getState().jacobians)).toHaveLength(6);
    expect((await run.getState().tensor('fc2', 'w'))?.shape).toEqual([32, 32]);
    await run.getState().stepForward();
    expect(run.getState().steps.at(-1)!.label).toBe('Backward 1/6: Cross-entropy loss');
  });

  it('takes a step asked for while the last one is on its way next, instead of dropping it', async () => {
    const { run } = setup();
    await run.getState().syncNow();
    const first = run.getState().stepForward();
    const second = run.getState().stepForward();
    await Promise.all([first, second]);
    await expect.poll(() => run.getState().steps.map((s) => s.label)).toEqual(['Forward 1/6: Linear(2 → 32)', 'Forward 2/6: ReLU']);
    expect(run.getState().busy).toBeNull();
  });

  it('a gradient check half-way through a stepped forward pass ends that pass', async () => {
    const { run } = setup();
    await run.getState().syncNow();
    await run.getState().stepForward();
    await run.getState().runGradcheck();
    expect(run.getState().gradcheck?.passed).toBe(true);
    expect(run.getState().steps).toEqual([]);
    await run.getState().stepForward();
    expect(run.getState().steps.map((s) => s.label)).toEqual(['Forward 1/6: Linear(2 → 32)']);
  });
});

describe('run store: a new run after an edit mid-training', () => {
  it('starts its curves afresh; the old run winding down adds nothing to them', async () => {
    const { editor, run } = setup('spiral.json', (d) => {
      d.training!.epochs = 10_000;
      d.training!.update_every = 1;
    });
    await run.getState().syncNow();
    void run.getState().toggleTraining();
    await expect.poll(() => run.getState().training.curves.points.length, { timeout: 10_000 }).toBeGreaterThan(20);
    editor.getState().setParam('fc1', 'out_features', 16);
    editor.getState().setParam('fc2', 'in_features', 16);
    await run.getState().syncNow();
    await expect.poll(() => run.getState().training.state, { timeout: 10_000 }).not.toBe('running');
    await new Promise((r) => setTimeout(r, 200));
    expect(run.getState().training.curves.points).toEqual([]);
    void run.getState().toggleTraining();
    await expect.poll(() => run.getState().training.curves.points.length, { timeout: 10_000 }).toBeGreaterThan(5);
    run.getState().stopTraining();
    await expect.poll(() => run.getState().training.state, { timeout: 10_000 }).toBe('stopped');
    const steps = run.getState().training.curves.points.map((p) => p.step);
    expect(steps[0]).toBe(1);
    expect(steps.every((s, i) => i === 0 || s > steps[i - 1])).toBe(true);
  });
});

describe('run store: a drag or pan while training', () => {
  it('holds the views to one update a second while it lasts, and catches up when it ends', async () => {
    const { run } = setup('spiral.json', (d) => {
      d.training!.epochs = 10_000;
      d.training!.update_every = 1;
    });
    await run.getState().syncNow();
    void run.getState().toggleTraining();
    await expect.poll(() => run.getState().liveSnapshot, { timeout: 10_000 }).not.toBeNull();
    const figures: number[] = [];
    const views: number[] = [];
    const unsubscribe = run.subscribe((s, prev) => {
      if (s.liveSnapshot !== prev.liveSnapshot) figures.push(performance.now());
      if (s.training !== prev.training) views.push(performance.now());
    });
    const stepBefore = run.getState().training.step;
    run.getState().gesture(true);
    await new Promise((r) => setTimeout(r, 2500));
    const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);
    // Training goes on; what the page shows follows once a second (a change already on its way may land first).
    expect(run.getState().training.step).toBeGreaterThan(stepBefore);
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.length).toBeLessThanOrEqual(4);
    expect(views.length).toBeLessThanOrEqual(4);
    for (const g of [...gaps(figures), ...gaps(views)]) expect(g).toBeGreaterThan(990);
    run.getState().gesture(false);
    expect(run.getState().liveSnapshot).toBe(run.getState().training.snapshot);
    const after = views.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(views.length - after).toBeGreaterThan(2);
    unsubscribe();
    run.getState().stopTraining();
    await expect.poll(() => run.getState().training.state, { timeout: 10_000 }).toBe('stopped');
  });
});

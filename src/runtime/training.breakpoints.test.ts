import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelDocument, type BreakpointSetting, type ModelDocument, type OptimizerKind } from '../model';
import { EngineService } from './service';
import { trainToBreakpoint } from './testing/breakpoint-run';

/** Training pauses at breakpoints: a run whose loss explodes pauses under every optimizer, naming the step, the loss and a layer. */

function example(file: string, edit: (d: ModelDocument) => void = () => undefined): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const d = structuredClone(r.doc);
  edit(d);
  return d;
}

function spiral(kind: OptimizerKind, lr: number, breakpoints?: BreakpointSetting[]): ModelDocument {
  return example('spiral.json', (d) => {
    Object.assign(d.training!.optimizer, { kind, lr });
    d.training!.epochs = 20;
    if (breakpoints) d.breakpoints = breakpoints;
  });
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the divergence breakpoint (on by default), under every optimizer (spiral example)', () => {
  it.each([
    ['adam', 1e6],
    ['rmsprop', 1e6],
    ['sgd', 1e6],
    ['momentum', 1e6],
  ] as [OptimizerKind, number][])('%s at lr %d pauses within the first steps, naming the loss and a layer', async (kind, lr) => {
    const s = new EngineService();
    expect(s.load(spiral(kind, lr)).ok).toBe(true);
    const { hit, messages, done } = await trainToBreakpoint(s);
    expect(hit).not.toBeNull();
    expect(['divergence', 'non-finite']).toContain(hit!.condition);
    expect(hit!.step).toBeLessThan(100);
    expect(s.training.state).toBe('paused');
    expect(messages.at(-1)!.state).toBe('paused');
    if (hit!.condition === 'divergence') {
      expect(hit!.message).toMatch(/^Training diverged at step \d+: the loss (reached \S+, over 1,000 times its lowest \(\S+ at step \d+\)|became (NaN|Infinity)\.)/);
      expect(hit!.message).toMatch(/Lower the learning rate and Resume, or press Reset weights\.$/);
    } else {
      expect(hit!.message).toMatch(/^(fc|relu)\d \(.+\): its .+ holds (NaN|-?Infinity) \(\d+ of \d+ values not finite\) at step \d+/);
    }
    expect(hit!.nodeId).toMatch(/^(fc|relu)\d$/);
    s.stop();
    expect((await done)!.reason).toBe('stopped');
  });

  it('names the layer whose gradient grew most when Adam at lr 1e6 blows the loss up', async () => {
    const s = new EngineService();
    s.load(spiral('adam', 1e6));
    const { hit, done } = await trainToBreakpoint(s);
    expect(hit!.condition).toBe('divergence');
    expect(hit!.message).toMatch(/the loss reached .*, over 1,000 times its lowest .* The gradient of Linear\(\d+ → \d+\) \('fc\d'\) grew most since step \d+: its norm went from/);
    s.stop();
    await done;
  });

  it('leaves a sane run alone: Adam at lr 0.01 finishes without a pause', async () => {
    const s = new EngineService();
    s.load(spiral('adam', 0.01));
    const { hit, done } = await trainToBreakpoint(s);
    expect(hit).toBeNull();
    expect((await done)!.reason).toBe('finished');
  });

  it('turned off, it lets the loss explode; the run goes on', async () => {
    const s = new EngineService();
    s.load(spiral('adam', 1e6, [{ condition: 'divergence', on: false }, { condition: 'non-finite', on: false }]));
    const { hit, done } = await trainToBreakpoint(s);
    expect(hit).toBeNull();
    expect((await done)!.reason).toBe('finished');
  });
});

describe('the dead-ReLU breakpoint on the deep ReLU network', () => {
  const deepRelu = (lr: number, epochs: number) =>
    example('deep-relu.json', (d) => {
      Object.assign(d.training!.optimizer, { kind: 'sgd', lr });
      d.training!.epochs = epochs;
      d.breakpoints = [{ condition: 'dead-units', on: true, node: 'relu2', threshold: 0.5 }];
    });

  it('fires within a few steps of SGD at lr 3, naming relu2 and the share of its 16 units', async () => {
    const s = new EngineService();
    s.load(deepRelu(3, 20));
    const { hit, done } = await trainToBreakpoint(s);
    expect(hit).toMatchObject({ condition: 'dead-units', label: 'Dead ReLUs', nodeId: 'relu2' });
    expect(hit!.step).toBeLessThan(50);
    const m = /^fc2 → relu2: ([\d.]+)% of 16 units dead \(threshold 50%\) at step (\d+)\.$/.exec(hit!.message)!;
    expect(Number(m[1])).toBeGreaterThan(50);
    expect(Number(m[2])).toBe(hit!.step);
    s.stop();
    await done;
  });

  it('stays quiet at the example’s own rate (SGD 0.1) over 20 epochs', async () => {
    const s = new EngineService();
    s.load(deepRelu(0.1, 20));
    const { hit, done } = await trainToBreakpoint(s);
    expect(hit).toBeNull();
    expect((await done)!.reason).toBe('finished');
  });
});

describe('pausing at a breakpoint and going on', () => {
  /** fc1's gradient norm above 1e-9: it holds on every step. */
  const always: BreakpointSetting[] = [{ condition: 'exploding', on: true, node: 'fc1', limit: 1e-9, growth: 0 }];

  it('a run resumed past its breakpoints is the run it would have been without them', async () => {
    const plain = new EngineService();
    plain.load(spiral('adam', 0.01));
    const reference: number[] = [];
    await plain.train((p) => reference.push(...p.points.map((q) => q.trainLoss)));

    const s = new EngineService();
    s.load(spiral('adam', 0.01, always));
    const losses: number[] = [];
    let pauses = 0;
    const done = s.train((p) => {
      losses.push(...p.points.map((q) => q.trainLoss));
      if (p.breakpoint) {
        pauses++;
        setTimeout(() => s.resume(), 0);
      }
    });
    expect((await done)!.reason).toBe('finished');
    expect(pauses).toBeGreaterThan(0);
    expect(losses).toEqual(reference);
  });

  it('fires when its condition becomes true, not again while it still holds after Resume', async () => {
    const s = new EngineService();
    s.load(spiral('adam', 0.01, always));
    const { hit, messages, done } = await trainToBreakpoint(s);
    expect(hit).toMatchObject({ condition: 'exploding', nodeId: 'fc1', step: 1 });
    expect(hit!.message).toMatch(/^fc1 \(Linear\(2 → 32\)\): gradient norm \S+ above 1\.00e-9 at step 1\.$/);
    const seen = messages.length;
    s.resume();
    for (let i = 0; i < 50 && s.training.run!.step < 30; i++) await tick();
    // The condition still holds, so no second pause.
    expect(messages.slice(seen).some((m) => m.breakpoint)).toBe(false);
    s.stop();
    await done;
  });

  it('Step takes the held step, then pauses again', async () => {
    const s = new EngineService();
    s.load(spiral('adam', 0.01, always));
    const { done } = await trainToBreakpoint(s);
    expect(s.training.run!.step).toBe(0);
    expect(s.training.run!.holding).toBe(true);
    s.trainStep();
    for (let i = 0; i < 50 && s.training.state !== 'paused'; i++) await tick();
    expect(s.training.state).toBe('paused');
    expect(s.training.run!.step).toBe(1);
    expect(s.training.run!.holding).toBe(false);
    s.resume();
    for (let i = 0; i < 200 && s.training.run!.step < 20; i++) await tick();
    expect(s.training.run!.step).toBeGreaterThanOrEqual(20);
    s.stop();
    await done;
  });

  it('a paused run takes a lower learning rate without stopping; any other setting stops it', async () => {
    const s = new EngineService();
    const doc = spiral('adam', 1e6);
    s.load(doc);
    const { hit, done } = await trainToBreakpoint(s);
    expect(hit!.condition).toBe('divergence');
    const lowered = structuredClone(doc);
    lowered.training!.optimizer.lr = 0.01;
    const r = s.load(lowered);
    expect(r.trainingStopped).toBeNull();
    expect(s.training.state).toBe('paused');
    expect(s.training.run!.optimizer.lr).toBe(0.01);
    const edited = structuredClone(lowered);
    edited.training!.batch_size = 16;
    expect(s.load(edited).trainingStopped).toMatch(/settings changed/);
    expect((await done)!.reason).toBe('stopped');
  });
});

import { describe, expect, it } from 'vitest';
import type { StepReport } from '../../runtime';
import { ManualClock } from './clock';
import { SerialQueue, Stepper, withStep, type StepperHost } from './stepper';

const step = (phase: 'forward' | 'backward', index: number, done = false): StepReport => ({
  phase, index, total: 2, nodeId: `n${index}`, edgeId: `e${index}`, title: '', label: `${phase} ${index}`, done,
});
const PASS = [step('forward', 1), step('forward', 2), step('backward', 1), step('backward', 2, true)];

/** A host whose steps arrive when `deliver()` is called (like a worker's answer). */
function host() {
  const h = {
    steps: [] as StepReport[],
    cursor: -1,
    busy: false,
    playing: false,
    taken: 0,
    waiting: [] as (() => void)[],
  };
  const api: StepperHost = {
    steps: () => h.steps,
    cursor: () => h.cursor,
    setCursor: (c) => (h.cursor = c),
    stepping: () => h.busy,
    takeStep: () => {
      h.busy = true;
      return new Promise<void>((resolve) =>
        h.waiting.push(() => {
          h.steps = withStep(h.steps, PASS[h.taken++ % PASS.length]);
          h.cursor = h.steps.length - 1;
          h.busy = false;
          resolve();
        }),
      );
    },
    setPlaying: (p) => (h.playing = p),
  };
  const deliver = async () => {
    h.waiting.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { h, api, deliver };
}

describe('Stepper: stepping through a pass', () => {
  it('takes a click made while a step is on its way next, instead of dropping it', async () => {
    const { h, api, deliver } = host();
    const stepper = new Stepper(api, new ManualClock());
    void stepper.forward();
    void stepper.forward();
    await deliver();
    await deliver();
    expect(h.steps.map((s) => s.label)).toEqual(['forward 1', 'forward 2']);
    expect(h.waiting).toHaveLength(0);
  });

  it('back moves the cursor only; forward walks the steps taken before taking a new one', async () => {
    const { h, api, deliver } = host();
    const stepper = new Stepper(api, new ManualClock());
    void stepper.forward();
    await deliver();
    void stepper.forward();
    await deliver();
    stepper.back();
    expect(h.cursor).toBe(0);
    await stepper.forward();
    expect(h.cursor).toBe(1);
    expect(h.taken).toBe(2);
  });

  it('plays a step every interval until the pass is done', async () => {
    const { h, api, deliver } = host();
    const clock = new ManualClock();
    const stepper = new Stepper(api, clock);
    stepper.play(200);
    expect(h.playing).toBe(true);
    for (let i = 0; i < 4; i++) {
      await deliver();
      clock.advance(200);
    }
    expect(h.steps.map((s) => s.label)).toEqual(PASS.map((s) => s.label));
    expect(h.playing).toBe(false);
    expect(clock.pending).toBe(0);
  });
});

describe('withStep and SerialQueue', () => {
  it('a new pass starts the history again', () => {
    expect(withStep([step('forward', 1)], step('forward', 2))).toHaveLength(2);
    expect(withStep(PASS, step('forward', 1))).toHaveLength(1);
    expect(withStep([step('forward', 1), step('forward', 2)], step('forward', 1))).toHaveLength(1);
  });

  it('runs calls one after another, a failure not stopping the next', async () => {
    const q = new SerialQueue();
    const order: string[] = [];
    const a = q.run(async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('a');
      throw new Error('a failed');
    });
    const b = q.run(async () => {
      order.push('b');
      return 2;
    });
    await expect(a).rejects.toThrow('a failed');
    expect(await b).toBe(2);
    expect(order).toEqual(['a', 'b']);
  });
});

import { describe, expect, it } from 'vitest';
import { Watchdog, type WatchdogClock } from './watchdog';

function fakeClock() {
  let t = 0;
  let tick: (() => void) | null = null;
  const clock: WatchdogClock = { now: () => t, setInterval: (f) => ((tick = f), 1), clearInterval: () => (tick = null) };
  return {
    clock,
    running: () => tick !== null,
    async advance(ms: number, step = 100) {
      for (let s = 0; s < ms; s += step) {
        t += step;
        tick?.();
        await Promise.resolve();
      }
    },
  };
}

describe('Watchdog', () => {
  it('watches only while armed and a call is in flight', () => {
    const c = fakeClock();
    const w = new Watchdog(() => Promise.resolve(), () => undefined, 1000, c.clock);
    const end = w.begin();
    expect(c.running()).toBe(false);
    w.arm(true);
    expect(c.running()).toBe(true);
    end();
    expect(c.running()).toBe(false);
  });

  it('lets a long call that keeps answering pings run', async () => {
    const c = fakeClock();
    let stuck = 0;
    const w = new Watchdog(() => Promise.resolve(true), () => stuck++, 1000, c.clock);
    w.arm(true);
    w.begin();
    await c.advance(10_000);
    expect(stuck).toBe(0);
  });

  it('reports a worker that stops answering, once, after the budget', async () => {
    const c = fakeClock();
    let stuck = 0;
    const w = new Watchdog(() => new Promise(() => undefined), () => stuck++, 1000, c.clock);
    w.arm(true);
    w.begin();
    await c.advance(900);
    expect(stuck).toBe(0);
    await c.advance(500);
    expect(stuck).toBe(1);
    await c.advance(5000);
    expect(stuck).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { checkSpeed, Pace, type PaceClock } from './pace';

/** A clock whose sleeps move time on at once (and record how long they were). */
function fakeClock(): PaceClock & { t: number; naps: number[]; onSleep?: () => void } {
  const c = {
    t: 0,
    naps: [] as number[],
    onSleep: undefined as (() => void) | undefined,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.naps.push(ms);
      c.t += ms;
      c.onSleep?.();
    },
  };
  return c;
}

describe('Pace: training steps spaced out to a speed', () => {
  it('does not wait at full speed', async () => {
    const clock = fakeClock();
    const pace = new Pace(clock);
    for (let i = 0; i < 5; i++) await pace.wait();
    expect(clock.naps).toEqual([]);
  });

  it('spaces steps 1/speed apart, in short naps', async () => {
    const clock = fakeClock();
    const pace = new Pace(clock);
    pace.set(4);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      clock.t += 30; // the step's own work
      await pace.wait();
      times.push(clock.t);
    }
    expect(times).toEqual([280, 530, 780]);
    expect(Math.max(...clock.naps)).toBeLessThanOrEqual(50);
  });

  it('a new speed applies to the wait under way; an interrupt ends it', async () => {
    const clock = fakeClock();
    const pace = new Pace(clock);
    pace.set(0.5);
    clock.onSleep = () => {
      if (clock.t >= 100) pace.set('full');
    };
    await pace.wait();
    expect(clock.t).toBe(100);
    pace.set(0.5);
    clock.onSleep = () => {
      if (clock.t >= 300) pace.interrupt();
    };
    await pace.wait();
    expect(clock.t).toBe(300);
  });

  it('refuses a speed that is not one', () => {
    expect(checkSpeed('full')).toBe('full');
    expect(checkSpeed(10)).toBe(10);
    for (const bad of [0, -1, NaN, Infinity, 1e6, '10', null]) expect(() => checkSpeed(bad)).toThrow(/training speed/);
  });
});

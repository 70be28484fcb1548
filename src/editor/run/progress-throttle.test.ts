import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { GESTURE_LIVE_FIGURES_MS, LIVE_FIGURES_MS, ProgressThrottle, WEIGHTS_SYNC_MS } from './progress-throttle';

function setup() {
  const clock = new ManualClock();
  clock.advance(10_000);
  const log: string[] = [];
  let current = 1;
  const throttle = new ProgressThrottle<string>(
    {
      show: (v) => log.push(`show ${v}`),
      passLive: () => log.push('live'),
      pullWeights: () => log.push('weights'),
      isCurrent: (t) => t === current,
    },
    clock,
  );
  return { clock, log, throttle, setCurrent: (t: number) => (current = t) };
}

const running = { running: true, snapshot: true };

describe('ProgressThrottle: when training progress reaches the page', () => {
  it('shows every view, passes figures on at most every LIVE_FIGURES_MS, fetches weights every few seconds', () => {
    const { clock, log, throttle } = setup();
    throttle.offer('a', 1, running);
    expect(log).toEqual(['show a', 'live', 'weights']);
    log.length = 0;
    clock.advance(100);
    throttle.offer('b', 1, running);
    clock.advance(100);
    throttle.offer('c', 1, running);
    expect(log).toEqual(['show b', 'show c']);
    clock.advance(LIVE_FIGURES_MS);
    expect(log).toEqual(['show b', 'show c', 'live']);
    log.length = 0;
    clock.advance(WEIGHTS_SYNC_MS);
    throttle.offer('d', 1, running);
    expect(log).toEqual(['show d', 'live', 'weights']);
  });

  it('an end shows at once, with its figures and the weights', () => {
    const { clock, log, throttle } = setup();
    throttle.offer('a', 1, running);
    log.length = 0;
    clock.advance(10);
    throttle.offer('end', 1, { running: false, snapshot: false });
    expect(log).toEqual(['show end', 'live', 'weights']);
  });

  it('during a gesture holds views to one a second and catches up when it ends', () => {
    const { clock, log, throttle } = setup();
    throttle.offer('a', 1, running);
    log.length = 0;
    throttle.setGesture(true);
    for (let i = 0; i < 5; i++) {
      clock.advance(100);
      throttle.offer(`g${i}`, 1, running);
    }
    expect(log).toEqual([]);
    expect(throttle.heldView(1)).toBe('g4');
    clock.advance(GESTURE_LIVE_FIGURES_MS - 500);
    expect(log).toEqual(['show g4', 'live']);
    log.length = 0;
    clock.advance(100);
    throttle.offer('h', 1, running);
    expect(log).toEqual([]);
    throttle.setGesture(false);
    expect(log).toEqual(['show h', 'live']);
    // No weights were fetched during the gesture.
    expect(log).not.toContain('weights');
  });

  it('drops held progress of a run that is no longer on view', () => {
    const { clock, log, throttle, setCurrent } = setup();
    throttle.offer('a', 1, running);
    log.length = 0;
    throttle.setGesture(true);
    clock.advance(100);
    throttle.offer('old', 1, running);
    setCurrent(2);
    clock.advance(GESTURE_LIVE_FIGURES_MS);
    expect(log).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});

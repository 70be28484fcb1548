import { describe, expect, it } from 'vitest';
import { Coalesced } from './coalesced';

describe('Coalesced: a job asked for while it runs runs once more, not once per request', () => {
  it('runs at once when idle, and once more after a burst of requests', async () => {
    let runs = 0;
    let release!: () => void;
    const job = new Coalesced(async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
    });
    const first = job.request();
    expect(runs).toBe(1);
    void job.request();
    void job.request();
    void job.request();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    release();
    await first;
    expect(runs).toBe(2);
    void job.request();
    expect(runs).toBe(3);
    release();
  });

  it('a failing job does not stop the next request', async () => {
    let runs = 0;
    const job = new Coalesced(async () => {
      runs++;
      throw new Error('no');
    });
    await job.request();
    await job.request();
    expect(runs).toBe(2);
  });
});

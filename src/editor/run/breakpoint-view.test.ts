import { describe, expect, it } from 'vitest';
import type { BreakpointHit } from '../../model';
import { breakpointOf, hitText, isNewHit } from './breakpoint-view';

const hit: BreakpointHit = { condition: 'dead-units', label: 'Dead ReLUs', step: 312, nodeId: 'relu2', message: 'fc2 → relu2: 87.5% of 64 units dead (threshold 50%) at step 312.', also: [] };

describe('the breakpoint on show', () => {
  it('comes with the paused message, stays while paused, goes when the run moves on', () => {
    expect(breakpointOf({ state: 'paused', breakpoint: hit }, null)).toBe(hit);
    expect(breakpointOf({ state: 'paused' }, hit)).toBe(hit);
    expect(breakpointOf({ state: 'running' }, hit)).toBeNull();
    expect(breakpointOf({ state: 'stopped' }, hit)).toBeNull();
  });

  it('is announced once', () => {
    expect(isNewHit(hit, null)).toBe(true);
    expect(isNewHit(hit, { ...hit })).toBe(false);
    expect(isNewHit({ ...hit, step: 400 }, hit)).toBe(true);
    expect(isNewHit(null, hit)).toBe(false);
  });

  it('says which condition fired with its numbers', () => {
    expect(hitText(hit)).toBe('Paused at a breakpoint — Dead ReLUs: fc2 → relu2: 87.5% of 64 units dead (threshold 50%) at step 312.');
    expect(hitText({ ...hit, also: ['a', 'b'] })).toMatch(/\(2 other conditions began to hold too\)$/);
  });
});

import { describe, expect, it } from 'vitest';
import { conditionModule, MAX_BREAKPOINTS, type BreakpointEntry } from '../../model';
import { conditionSetting, nodeEntries, paramError, paramText, parseParam, removeCondition, setCondition } from './breakpoint-edits';

describe('editing breakpoints', () => {
  it('reads the defaults when the document has none: divergence on, dead units off at 50%', () => {
    expect(conditionSetting(undefined, 'divergence')).toEqual({ on: true, values: { factor: 1000 }, stored: false });
    expect(conditionSetting(undefined, 'dead-units', 'relu2')).toEqual({ on: false, values: { threshold: 0.5 }, stored: false });
  });

  it('sets a condition for a node over the model-wide setting, and removes it again', () => {
    let list: BreakpointEntry[] = setCondition(undefined, 'dead-units', undefined, { on: true, values: { threshold: 0.3 } });
    expect(conditionSetting(list, 'dead-units', 'relu2')).toEqual({ on: true, values: { threshold: 0.3 }, stored: false });
    list = setCondition(list, 'dead-units', 'relu2', { values: { threshold: 0.8 } });
    expect(list).toEqual([
      { condition: 'dead-units', on: true, threshold: 0.3 },
      { condition: 'dead-units', on: true, node: 'relu2', threshold: 0.8 },
    ]);
    expect(nodeEntries(list, 'dead-units').map((e) => e.node)).toEqual(['relu2']);
    // One entry per condition and node: a second edit replaces the first.
    list = setCondition(list, 'dead-units', 'relu2', { on: false });
    expect(nodeEntries(list, 'dead-units')).toEqual([{ condition: 'dead-units', on: false, node: 'relu2', threshold: 0.8 }]);
    expect(removeCondition(list, 'dead-units', 'relu2')).toEqual([{ condition: 'dead-units', on: true, threshold: 0.3 }]);
  });

  it('refuses to grow past the document’s limit', () => {
    const full: BreakpointEntry[] = Array.from({ length: MAX_BREAKPOINTS }, (_, i) => ({ condition: 'vanishing', on: true, node: `n${i}` }));
    expect(() => setCondition(full, 'vanishing', 'other', { on: true })).toThrow(/at most 256/);
    expect(setCondition(full, 'vanishing', 'n3', { on: false })).toHaveLength(MAX_BREAKPOINTS);
  });

  it('types a share as a percentage, and checks each parameter’s range', () => {
    const threshold = conditionModule('dead-units').params[0];
    expect(paramText(threshold, 0.5)).toBe('50');
    expect(parseParam(threshold, '87.5')).toEqual({ value: 0.875 });
    expect(paramError(threshold, '120')).toBe('Must be at most 100%.');
    const epsilon = conditionModule('vanishing').params[0];
    expect(paramError(epsilon, '0')).toBe('Must be over 0.');
    expect(parseParam(epsilon, '1e-7')).toEqual({ value: 1e-7 });
    const n = conditionModule('plateau').params[0];
    expect(paramError(n, '2.5')).toBe('Enter a whole number.');
    expect(paramError(n, 'abc')).toBe('"abc" is not a number.');
  });
});

import { describe, expect, it } from 'vitest';
import { closest } from './zod-issues';

describe('closest', () => {
  it('suggests the name a typo meant, ignoring case and separators', () => {
    expect(closest('outFeatures', ['in_features', 'out_features'])).toBe('out_features');
    expect(closest('los', ['in', 'fc1', 'loss'])).toBe('loss');
    expect(closest('z', ['x', 'y'])).toBeNull();
    expect(closest('fc1', ['fc1'])).toBeNull();
  });

  it('passes over a candidate of 50,000,000 characters without comparing it', () => {
    // Compared in full, this candidate needs a table of 150 million cells: more than an array may hold.
    const huge = 'n'.repeat(50_000_000);
    expect(closest('nn', [huge, 'in'])).toBeNull();
    expect(closest('nodes', [huge, 'node', 'edges'])).toBe('node');
    expect(closest(huge, ['nn'])).toBeNull();
  });

  it('still finds a long name within reach of its length', () => {
    const name = 'a_rather_long_layer_name_for_the_second_hidden_layer';
    expect(closest(name.replace('second', 'secnod'), ['fc1', name])).toBe(name);
    expect(closest('x'.repeat(64), ['x'.repeat(70), 'y'])).toBe('x'.repeat(70));
    expect(closest('x'.repeat(60), ['x'.repeat(90)])).toBeNull();
  });
});

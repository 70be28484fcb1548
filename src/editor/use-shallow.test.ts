import { describe, expect, it } from 'vitest';
import { shallowEqual } from './use-shallow';

describe('shallowEqual', () => {
  it('compares plain objects and arrays one level deep', () => {
    const inner = { a: 1 };
    expect(shallowEqual({ x: 1, y: inner, z: null }, { x: 1, y: inner, z: null })).toBe(true);
    expect(shallowEqual({ x: 1, y: inner }, { x: 1, y: { a: 1 } })).toBe(false);
    expect(shallowEqual({ x: 1 }, { x: 1, y: undefined })).toBe(false);
    expect(shallowEqual({ x: 1, y: undefined }, { x: 1, z: undefined })).toBe(false);
    expect(shallowEqual([1, inner], [1, inner])).toBe(true);
    expect(shallowEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(shallowEqual({ v: NaN }, { v: NaN })).toBe(true);
    expect(shallowEqual({ v: 0 }, { v: -0 })).toBe(false);
  });

  it('treats anything else as equal only to itself', () => {
    const m = new Map([[1, 2]]);
    expect(shallowEqual(m, m)).toBe(true);
    expect(shallowEqual(m, new Map([[1, 2]]))).toBe(false);
    expect(shallowEqual({ a: 1 }, [1])).toBe(false);
    expect(shallowEqual(undefined, {})).toBe(false);
    expect(shallowEqual(1, 1)).toBe(true);
    expect(shallowEqual('a', 'b')).toBe(false);
  });
});

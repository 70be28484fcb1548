import { describe, expect, it } from 'vitest';
import { cosineSimilarity, relativeError } from './similarity';

describe('cosineSimilarity', () => {
  it('over all parts: 1 for the same direction, −1 opposite, 0 orthogonal, scale-free', () => {
    const g = [[1, 2], [3]];
    expect(cosineSimilarity(g, [[2, 4], [6]])).toBeCloseTo(1, 15);
    expect(cosineSimilarity(g, [[-1, -2], [-3]])).toBeCloseTo(-1, 15);
    expect(cosineSimilarity([[1, 0], [0]], [[0, 5], [0]])).toBe(0);
    // (1·1 + 2·0 + 3·1) / (√14 · √2)
    expect(cosineSimilarity(g, [[1, 0], [1]])).toBeCloseTo(4 / Math.sqrt(28), 15);
    expect(cosineSimilarity([Float32Array.from([1, 2])], [Float64Array.from([1, 2])])).toBeCloseTo(1, 15);
  });

  it('is NaN without a direction (an all-zero gradient) or when the layouts differ', () => {
    expect(cosineSimilarity([[0, 0]], [[1, 2]])).toBeNaN();
    expect(cosineSimilarity([[1, 2]], [[1, 2], [3]])).toBeNaN();
    expect(cosineSimilarity([[1, 2]], [[1, 2, 3]])).toBeNaN();
    expect(cosineSimilarity([[1, Number.NaN]], [[1, 2]])).toBeNaN();
  });
});

describe('relativeError', () => {
  it('is ‖a − b‖ / ‖b‖ over all parts', () => {
    expect(relativeError([[3, 0], [0]], [[0, 0], [4]])).toBeCloseTo(5 / 4, 15);
    expect(relativeError([[1, 2]], [[1, 2]])).toBe(0);
    expect(relativeError([[1]], [[0]])).toBeNaN();
  });
});

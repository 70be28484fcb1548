import { describe, expect, it } from 'vitest';
import type { ModelNode } from '../model/schema';
import { formatParamCount, formatShape, nodeSummary } from './format';

const node = (type: ModelNode['type'], params: Record<string, number>): ModelNode => ({ id: 'x', type, params, position: { x: 0, y: 0 } }) as ModelNode;

describe('node and shape text', () => {
  it('shows the key parameters of each kind', () => {
    expect(nodeSummary(node('Linear', { in_features: 200, out_features: 1000 }))).toBe('Linear 200 → 1000');
    expect(nodeSummary(node('Linear', { out_features: 10 }), 64)).toBe('Linear 64 → 10');
    expect(nodeSummary(node('Linear', { out_features: 10 }))).toBe('Linear ? → 10');
    expect(nodeSummary(node('LeakyReLU', { alpha: 0.1 }))).toBe('LeakyReLU α=0.1');
    expect(nodeSummary(node('Dropout', { p: 0.5 }))).toBe('Dropout p=0.5');
    expect(nodeSummary(node('Input', { features: 10 }))).toBe('Input 10');
    expect(nodeSummary(node('CrossEntropyLoss', {}))).toBe('Cross-entropy loss');
  });

  it('formats shapes and parameter counts', () => {
    expect(formatShape(['N', 100])).toBe('[N, 100]');
    expect(formatShape([])).toBe('scalar');
    expect(formatShape(undefined)).toBeNull();
    expect(formatParamCount(1)).toBe('1 param');
    expect(formatParamCount(1056)).toBe('1,056 params');
    expect(formatParamCount(52_510)).toBe('52.5k params');
    expect(formatParamCount(524_800)).toBe('525k params');
    expect(formatParamCount(2_100_000)).toBe('2.1M params');
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatPercent, formatPow10, formatShapeTuple, formatTick, formatValue, nonZeroText } from './format';

describe('formatCount', () => {
  it('groups thousands as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 65536, 2 ** 31, 2 ** 34, 123456789012]) {
      expect(formatCount(n)).toBe(new Intl.NumberFormat('en-US').format(n));
    }
    expect(formatCount(2147483648)).toBe('2,147,483,648');
  });
});

describe('formatBytes', () => {
  it('uses binary units and drops decimals for whole multiples', () => {
    expect(formatBytes(2 ** 31 * 4)).toBe('8 GiB');
    expect(formatBytes(2 ** 34 * 4)).toBe('64 GiB');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1053096)).toBe('1.0 MiB');
    expect(formatBytes(2.1 * 2 ** 20)).toBe('2.1 MiB');
    expect(formatBytes(400 * 2 ** 20)).toBe('400 MiB');
  });
});

describe('nonZeroText', () => {
  it('writes an exact simple fraction when entries / nonZeros is whole', () => {
    expect(nonZeroText(33554432, 2147483648)).toBe('1/64 non-zero');
    expect(nonZeroText(2 ** 25, 2 ** 34)).toBe('1/512 non-zero');
    expect(nonZeroText(1000, 100000)).toBe('1/100 non-zero');
    expect(nonZeroText(1, 4096)).toBe('1/4,096 non-zero');
  });

  it('falls back to a percentage, and words for none and all', () => {
    expect(nonZeroText(3, 64)).toBe('4.7% non-zero');
    expect(nonZeroText(561, 1048576)).toBe('0.054% non-zero');
    expect(nonZeroText(0, 100)).toBe('no non-zeros');
    expect(nonZeroText(100, 100)).toBe('all entries non-zero');
    expect(nonZeroText(0, 0)).toBe('no entries');
  });
});

describe('formatPercent', () => {
  it('keeps enough digits to tell small shares from 0 and large ones from 100%', () => {
    expect(formatPercent(0.32)).toBe('32%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatPercent(0.00001)).toBe('0.001%');
    expect(formatPercent(0.9996)).toBe('99.9%');
    expect(formatPercent(1)).toBe('100%');
  });
});

describe('formatValue and shapes', () => {
  it('prints three significant digits with a real minus sign, exponents at the extremes', () => {
    expect(formatValue(-0.0123456)).toBe('−0.0123');
    expect(formatValue(1.4567)).toBe('1.46');
    expect(formatValue(3.18e-4)).toBe('3.18e−4');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('−∞');
    expect(formatValue(0)).toBe('0');
  });

  it('prints shapes as tuples', () => {
    expect(formatShapeTuple([64, 512, 64, 1024])).toBe('(64, 512, 64, 1024)');
    expect(formatShapeTuple([5])).toBe('(5,)');
  });
});

describe('tick labels', () => {
  it('prints nice values plainly, powers of ten beyond 10⁻² … 10³ as superscripts', () => {
    expect(['0', '100', '1500', '0.25', '−0.03', '2.5e−4', '1e+5'].map(String)).toEqual([0, 100, 1500, 0.25, -0.03, 2.5e-4, 1e5].map(formatTick));
    expect([1e-8, 1e-6, 1e-3, 0.01, 1, 100, 1e4].map(formatPow10)).toEqual(['10⁻⁸', '10⁻⁶', '10⁻³', '0.01', '1', '100', '10⁴']);
  });
});

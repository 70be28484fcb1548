import { describe, expect, it } from 'vitest';
import { digitsFileBytes, fileDigitsSource } from '../../testing/digits-file';
import { createDigitsSource, decodeDigits, digitsDataset, DIGIT_PIXELS, DIGITS_SPLIT_SEED, encodeDigits, splitDigits, type DigitsProgress } from '.';
import { testCount } from '../split';

describe('digits file', () => {
  it('round-trips labels and pixels', () => {
    const labels = Uint8Array.from([3, 1, 9]);
    const pixels = Uint8Array.from({ length: 3 * DIGIT_PIXELS }, (_, i) => i % 256);
    const d = decodeDigits(encodeDigits(labels, pixels));
    expect(d.count).toBe(3);
    expect([...d.labels]).toEqual([3, 1, 9]);
    expect([...d.pixels]).toEqual([...pixels]);
  });

  it('rejects a foreign, truncated or mislabelled file with a message saying what is wrong', () => {
    const good = encodeDigits(Uint8Array.from([1]), new Uint8Array(DIGIT_PIXELS));
    expect(() => decodeDigits(new Uint8Array(4))).toThrow(/too short/);
    const foreign = good.slice();
    foreign[0] = 0x50;
    expect(() => decodeDigits(foreign)).toThrow(/does not start with BPDIGIT1/);
    expect(() => decodeDigits(good.subarray(0, good.length - 1))).toThrow(/1 digits take/);
    const badLabel = good.slice();
    badLabel[16] = 12;
    expect(() => decodeDigits(badLabel)).toThrow(/label 12, outside 0–9/);
  });

  it('holds the mnist package’s 10,000 digits, every class, pixels spanning 0–255', () => {
    const d = decodeDigits(digitsFileBytes());
    expect(d.count).toBe(10_000);
    const counts = new Array(10).fill(0);
    for (const l of d.labels) counts[l]++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    let max = 0;
    let ink = 0;
    for (const p of d.pixels) {
      if (p > max) max = p;
      if (p > 0) ink++;
    }
    expect(max).toBe(255);
    // MNIST digits cover about a fifth of their box.
    expect(ink / d.pixels.length).toBeGreaterThan(0.1);
    expect(ink / d.pixels.length).toBeLessThan(0.3);
  });
});

describe('the fixed split', () => {
  const data = digitsDataset(decodeDigits(digitsFileBytes()));

  it('is 8,000 / 2,000, stratified: each class holds out a fifth of its digits', () => {
    const s = splitDigits(data, 10_000);
    expect(s.train.y.length).toBe(8000);
    expect(s.test.y.length).toBe(2000);
    const perClass = (y: Int32Array) => {
      const c = new Array(10).fill(0);
      for (const l of y) c[l]++;
      return c;
    };
    const all = perClass(data.y);
    expect(perClass(s.test.y)).toEqual(all.map((n) => testCount(n, 0.2)));
    // Disjoint, and together every digit once.
    const seen = new Set([...s.trainIndex, ...s.testIndex]);
    expect(seen.size).toBe(10_000);
    expect(DIGITS_SPLIT_SEED).toBe(20_180_501);
  });

  it('is the same every time, and a subset keeps only test digits in its test set', () => {
    const a = splitDigits(data, 10_000);
    const b = splitDigits(data, 10_000);
    expect(a.testIndex).toEqual(b.testIndex);
    const sub = splitDigits(data, 1000);
    expect(sub.train.y.length).toBe(800);
    expect(sub.test.y.length).toBe(200);
    const test = new Set(a.testIndex);
    expect([...sub.testIndex].every((i) => test.has(i))).toBe(true);
    expect(sub.test.x.subarray(0, DIGIT_PIXELS)).toEqual(a.test.x.subarray(0, DIGIT_PIXELS));
  });
});

describe('createDigitsSource', () => {
  it('reads the body as a stream, reporting bytes, and fetches once for every caller', async () => {
    const source = fileDigitsSource(1 << 20);
    const progress: DigitsProgress[] = [];
    const [a, b] = await Promise.all([source.load((p) => progress.push(p)), source.load()]);
    expect(a).toBe(b);
    expect(source.fetches).toBe(1);
    expect(progress.length).toBe(8);
    expect(progress.at(-1)).toEqual({ loaded: 7_850_016, total: 7_850_016 });
    expect(progress.every((p, i) => i === 0 || p.loaded > progress[i - 1].loaded)).toBe(true);
  });

  it('reports an HTTP failure naming the file, and tries again on the next call', async () => {
    let calls = 0;
    const source = createDigitsSource(async () => {
      calls++;
      return calls === 1 ? new Response('nope', { status: 404 }) : new Response(encodeDigits(Uint8Array.from([7]), new Uint8Array(DIGIT_PIXELS)) as Uint8Array<ArrayBuffer>);
    }, '/data/digits.bin');
    await expect(source.load()).rejects.toThrow('The digits file could not be loaded from /data/digits.bin: HTTP 404.');
    expect((await source.load()).count).toBe(1);
  });
});

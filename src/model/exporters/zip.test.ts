import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, zipFiles } from './zip';

/** Reads an archive through its central directory, as unzip does, inflating with zlib. */
function unzip(zip: Uint8Array): Map<string, Buffer> {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(v.getUint32(end, true)).toBe(0x06054b50);
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(at, true)).toBe(0x02014b50);
    const method = v.getUint16(at + 10, true);
    const crc = v.getUint32(at + 16, true);
    const size = v.getUint32(at + 20, true);
    const nameLength = v.getUint16(at + 28, true);
    const local = v.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    expect(v.getUint32(local, true)).toBe(0x04034b50);
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const body = Buffer.from(zip.subarray(start, start + size));
    const data = method === 8 ? inflateRawSync(body) : body;
    expect(crc32(data)).toBe(crc);
    out.set(name, data);
    at += 46 + nameLength;
  }
  return out;
}

describe('zipFiles', () => {
  it('computes CRC-32 as ZIP does', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('writes entries that read back: deflated text, stored random bytes, UTF-8 names', async () => {
    const text = 'x1,x2,class\n' + '0.5,-0.25,1\n'.repeat(1000);
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    const zip = await zipFiles([
      { name: 'run/train.py', data: 'print("hi")\n' },
      { name: 'run/data/train.csv', data: text },
      { name: 'run/data/bytes.bin', data: noise },
      { name: 'run/données.txt', data: 'é' },
    ]);
    const files = unzip(zip);
    expect([...files.keys()]).toEqual(['run/train.py', 'run/data/train.csv', 'run/data/bytes.bin', 'run/données.txt']);
    expect(files.get('run/data/train.csv')!.toString('utf8')).toBe(text);
    expect(new Uint8Array(files.get('run/data/bytes.bin')!)).toEqual(noise);
    expect(files.get('run/données.txt')!.toString('utf8')).toBe('é');
    expect(zip.length).toBeLessThan(text.length / 10 + noise.length + 1000);
  });

  it('gives the same bytes for the same files, and stores when asked', async () => {
    const entries = [{ name: 'a.txt', data: 'aaaa'.repeat(100) }];
    expect(await zipFiles(entries)).toEqual(await zipFiles(entries));
    const stored = await zipFiles(entries, { compress: false });
    expect(unzip(stored).get('a.txt')!.toString()).toBe('aaaa'.repeat(100));
    expect(stored.length).toBeGreaterThan(400);
  });

  it('refuses names that would leave the folder, and repeated names', async () => {
    await expect(zipFiles([{ name: '../evil', data: '' }])).rejects.toThrow(/not a relative path/);
    await expect(zipFiles([{ name: '/abs', data: '' }])).rejects.toThrow(/not a relative path/);
    await expect(zipFiles([{ name: 'a', data: '' }, { name: 'a', data: '' }])).rejects.toThrow(/appears twice/);
  });
});

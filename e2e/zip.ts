import { inflateRawSync } from 'node:zlib';
import { expect } from './fixtures';

/** The entries of a .zip, read through its central directory and inflated with zlib. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const out = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    out.set(zip.toString('utf8', at + 46, at + 46 + nameLength), method === 8 ? inflateRawSync(body) : body);
    at += 46 + nameLength;
  }
  return out;
}

// @vitest-environment node
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, bytesToBase64Url } from './base64url';
import { decodeSharePayload, encodeSharePayload, makeShareLink, MAX_INFLATED_BYTES, MAX_LINK_LENGTH, sharePayloadFromHash } from './share-link';

describe('share link codec', () => {
  it('round-trips text through deflate-raw and base64url', async () => {
    const text = JSON.stringify({ name: 'Spiral – 3 classes ✓', nodes: Array.from({ length: 50 }, (_, i) => ({ id: `fc${i}` })) });
    const payload = await encodeSharePayload(text);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeSharePayload(payload)).toBe(text);
  });

  it('speaks standard raw deflate and base64url (checked against zlib and Buffer)', async () => {
    const text = 'backprop '.repeat(200);
    const payload = await encodeSharePayload(text);
    const bytes = Buffer.from(payload, 'base64url');
    expect(inflateRawSync(bytes).toString('utf8')).toBe(text);
    const fromZlib = deflateRawSync(Buffer.from('hello, 世界')).toString('base64url');
    expect(await decodeSharePayload(fromZlib)).toBe('hello, 世界');
  });

  it('encodes every byte value like Buffer does', () => {
    const all = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => (i * 37) & 255);
    expect(bytesToBase64Url(all)).toBe(Buffer.from(all).toString('base64url'));
    expect([...base64UrlToBytes(Buffer.from(all).toString('base64url'))]).toEqual([...all]);
  });

  it('names what is wrong with a damaged payload', async () => {
    expect(() => base64UrlToBytes('abc$def')).toThrow(/character "\$" at position 3/);
    expect(() => base64UrlToBytes('abcde')).toThrow(/5 characters/);
    await expect(decodeSharePayload('AAAA')).rejects.toThrow(/cannot be read/);
  });

  it('refuses a payload that unpacks to more than a document may hold, without unpacking it all', async () => {
    expect(await decodeSharePayload(deflateRawSync(Buffer.alloc(1000, 0x41)).toString('base64url'), 1000)).toBe('A'.repeat(1000));
    await expect(decodeSharePayload(deflateRawSync(Buffer.alloc(1001, 0x41)).toString('base64url'), 1000)).rejects.toThrow(
      /^the model it carries unpacks to more than 1000 bytes, the most a model document may hold$/,
    );
    // A 66 KB link that would unpack to 64 MiB and one byte.
    const bomb = deflateRawSync(Buffer.alloc(MAX_INFLATED_BYTES + 1, 0x20), { level: 9 }).toString('base64url');
    expect(bomb.length).toBeLessThan(100_000);
    await expect(decodeSharePayload(bomb)).rejects.toThrow(/unpacks to more than 64 MiB/);
  });

  it('reads the payload from a location hash', () => {
    expect(sharePayloadFromHash('#model=abc_-1')).toBe('abc_-1');
    expect(sharePayloadFromHash('#other=1')).toBeNull();
    expect(sharePayloadFromHash('')).toBeNull();
  });

  it('keeps the weights when they fit, drops them when they do not, and refuses a graph too big even without', async () => {
    const small = await makeShareLink('https://x.test/app/#old', 'W'.repeat(100), 'graph');
    expect(small).toMatchObject({ ok: true, withWeights: true });
    expect(small.ok && small.url.startsWith('https://x.test/app/#model=')).toBe(true);

    // Pseudo-random characters barely compress: 60 000 of them cannot fit a 32 KB link.
    let noisy = '';
    let state = 12345;
    for (let i = 0; i < 60_000; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      noisy += String.fromCharCode(33 + ((state >>> 16) % 90));
    }
    const dropped = await makeShareLink('https://x.test/', noisy, 'graph');
    expect(dropped).toMatchObject({ ok: true, withWeights: false });
    expect(dropped.ok && (await decodeSharePayload(sharePayloadFromHash(new URL(dropped.url).hash)!))).toBe('graph');

    const tooBig = await makeShareLink('https://x.test/', null, noisy);
    expect(tooBig.ok).toBe(false);
    expect(!tooBig.ok && tooBig.length).toBeGreaterThan(MAX_LINK_LENGTH);
  });
});

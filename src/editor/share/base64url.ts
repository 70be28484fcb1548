/** base64url (RFC 4648 §5, no padding) of bytes, and back. */

const CHUNK = 0x8000;

export function bytesToBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws when `text` is not base64url, naming the first offending character. */
export function base64UrlToBytes(text: string): Uint8Array {
  const bad = text.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0) throw new Error(`not base64url: character ${JSON.stringify(text[bad])} at position ${bad}`);
  if (text.length % 4 === 1) throw new Error(`not base64url: ${text.length} characters cannot encode whole bytes`);
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

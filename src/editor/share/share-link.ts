import { formatBytes, MAX_DOCUMENT_CHARS } from '../../model';
import { base64UrlToBytes, bytesToBase64Url } from './base64url';

/** The URL fragment that carries a shared model: `#model=<deflate-raw, base64url>`. */
export const SHARE_HASH_KEY = 'model';
/** Links longer than this are refused (many chat tools and browsers cut longer ones). */
export const MAX_LINK_LENGTH = 32 * 1024;

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** Deflates `text` (raw deflate) and encodes it as base64url. */
export async function encodeSharePayload(text: string): Promise<string> {
  return bytesToBase64Url(await through(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

/**
 * The most bytes a link's model may inflate to: a document's size limit. Deflate packs up
 * to about 1,000 bytes into one, so a link of a few megabytes could otherwise unpack to
 * gigabytes and end the tab before the document's own limit is checked.
 */
export const MAX_INFLATED_BYTES = MAX_DOCUMENT_CHARS;

class TooLarge extends Error {}

/** Inflates raw deflate, stopping (and cancelling the stream) as soon as the output passes `max` bytes. */
async function inflateBounded(bytes: Uint8Array, max: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      void reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The text a payload carries; throws with the reason when the payload is damaged or unpacks to more than a document may hold. */
export async function decodeSharePayload(payload: string, maxBytes = MAX_INFLATED_BYTES): Promise<string> {
  const bytes = base64UrlToBytes(payload);
  let inflated: Uint8Array;
  try {
    inflated = await inflateBounded(bytes, maxBytes);
  } catch (e) {
    if (e instanceof TooLarge) throw new Error(`the model it carries unpacks to more than ${formatBytes(maxBytes)}, the most a model document may hold`);
    throw new Error(`the compressed model cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw new Error('the model text is not valid UTF-8');
  }
}

/** The payload in a location hash (`#model=…`), or null when the hash carries none. */
export function sharePayloadFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const v = params.get(SHARE_HASH_KEY);
  return v ? v : null;
}

export type ShareLinkResult =
  | { ok: true; url: string; withWeights: boolean }
  | { ok: false; length: number };

/**
 * A link to `base` that opens the model: with its weights when the link stays under
 * MAX_LINK_LENGTH, else without them; `{ ok: false }` when even the bare graph is too long.
 */
export async function makeShareLink(base: string, withWeightsText: string | null, withoutWeightsText: string): Promise<ShareLinkResult> {
  const root = base.replace(/#.*$/, '');
  const link = async (text: string) => `${root}#${SHARE_HASH_KEY}=${await encodeSharePayload(text)}`;
  if (withWeightsText !== null) {
    const url = await link(withWeightsText);
    if (url.length <= MAX_LINK_LENGTH) return { ok: true, url, withWeights: true };
  }
  const url = await link(withoutWeightsText);
  if (url.length <= MAX_LINK_LENGTH) return { ok: true, url, withWeights: false };
  return { ok: false, length: url.length };
}

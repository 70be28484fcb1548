import { decodeDigits, type DigitsData } from './format';

/** Bytes of the digits file received so far, and its size when the server said it. */
export interface DigitsProgress {
  loaded: number;
  total: number | null;
}

/** Where the digits come from: fetched once, on first use, then kept. */
export interface DigitsSource {
  load(onProgress?: (p: DigitsProgress) => void): Promise<DigitsData>;
}

export type FetchLike = (url: string) => Promise<Response>;

/** The app's URL of the digits file, which the build writes beside the page. */
export const DIGITS_PATH = 'data/digits.bin';

/**
 * A DigitsSource over `fetch` (the worker's own, captured at start-up, or one that reads a
 * file in Node tests). The body is read as a stream so progress is reported as bytes arrive.
 * A failed load is forgotten, so the next call tries again.
 */
export function createDigitsSource(fetchFn: FetchLike, url: string): DigitsSource {
  let pending: Promise<DigitsData> | null = null;
  const listeners = new Set<(p: DigitsProgress) => void>();
  const read = async (): Promise<DigitsData> => {
    const response = await fetchFn(url);
    if (!response.ok) throw new Error(`The digits file could not be loaded from ${url}: HTTP ${response.status}.`);
    const header = response.headers.get('content-length');
    const total = header && /^\d+$/.test(header) ? Number(header) : null;
    const body = response.body;
    if (!body) return decodeDigits(new Uint8Array(await response.arrayBuffer()));
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      for (const l of listeners) l({ loaded, total });
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return decodeDigits(bytes);
  };
  return {
    load(onProgress) {
      if (onProgress) listeners.add(onProgress);
      if (!pending) {
        pending = read();
        pending.catch(() => (pending = null));
      }
      const done = () => {
        if (onProgress) listeners.delete(onProgress);
      };
      return pending.finally(done);
    },
  };
}

import { digitsAsset } from '../../../scripts/build-digits';
import { createDigitsSource, type DigitsSource } from '../datasets/digits';

/** The digits file the build writes, as bytes (built from the `mnist` package, cached). */
export function digitsFileBytes(): Uint8Array {
  return digitsAsset();
}

/** A DigitsSource reading the built file through an injected fetch, as the worker's reads the served one. */
export function fileDigitsSource(chunk = 1 << 20): DigitsSource & { fetches: number } {
  const state = { fetches: 0 };
  const source = createDigitsSource(async () => {
    state.fetches++;
    const bytes = digitsFileBytes();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.slice(at, at + chunk));
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-length': String(bytes.length) } });
  }, 'file:digits.bin');
  return {
    load: (onProgress) => source.load(onProgress),
    get fetches() {
      return state.fetches;
    },
  };
}

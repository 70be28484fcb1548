import type { Plugin } from 'vite';
import { digitsAsset } from './build-digits';
import { DIGITS_PATH } from '../src/runtime/datasets/digits/loader';

/**
 * Puts the digits file into the app: emitted into the build output (`vite build`) and served
 * by the dev server, built from the `mnist` package on first need. It is never part of the
 * initial bundle: the worker fetches it when a document asks for the digits.
 */
export function digitsPlugin(): Plugin {
  let bytes: Uint8Array | null = null;
  const get = () => (bytes ??= digitsAsset());
  return {
    name: 'backprop-digits',
    configureServer(server) {
      server.middlewares.use(`/${DIGITS_PATH}`, (_req, res) => {
        const b = get();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Content-Length', String(b.length));
        res.end(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: DIGITS_PATH, source: get() });
    },
  };
}

import { createRng, Tensor, type Layer } from '../../engine';
import type { CodeLayerFactory } from '../../model';
import { CodeError, compileCode, toCodeError, type CompiledCode } from './compile-code';
import { CustomLayer } from './custom-layer';
import { inWorker, isLockedDown } from './lockdown';

/** Compiled programs kept, by source text (a document has a few Custom nodes; typing makes many versions). */
const CACHE_SIZE = 16;

function located(e: CodeError): string {
  return e.where ? `${e.where}: ${e.message}` : e.message;
}

/**
 * The factory the compiler builds Custom layers with, in the engine: compiles each source
 * once, builds the layer for the node's widths, and tries it on a two-sample batch (forward
 * and backward), so a wrong shape or a throw is reported on the node when the graph loads
 * rather than mid-training. Errors name the line and column.
 */
export function createCodeLayerFactory(): CodeLayerFactory {
  const cache = new Map<string, CompiledCode>();
  const compiled = (code: string): CompiledCode => {
    let p = cache.get(code);
    if (!p) {
      p = compileCode(code);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(code, p);
    }
    return p;
  };
  return (code: string, inFeatures: number, outFeatures: number, seed: number): Layer => {
    if (inWorker() && !isLockedDown()) throw new Error('custom code runs only once the engine worker is locked down');
    try {
      const layer = new CustomLayer(compiled(code), code, inFeatures, outFeatures, createRng(seed));
      const probe = layer.clone('float64');
      const out = probe.forward(Tensor.randn([2, inFeatures], createRng(seed ^ 0x5bd1e995), 1, 'float64'));
      probe.backward(Tensor.full(out.shape, 1, 'float64'));
      return layer;
    } catch (e) {
      throw new Error(located(toCodeError(e)));
    }
  };
}

/** A factory for code the user has not chosen to run: building says so, and runs nothing. */
export const refuseCode: CodeLayerFactory = () => {
  throw new Error('its code is not running: open the node to review it, then choose Run code.');
};

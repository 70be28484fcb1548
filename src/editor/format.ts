import { nodeKind, type ModelNode, type Shape } from '../model';

/** `[N, 100]`; a scalar (the loss) is `scalar`. */
export function formatShape(shape: Shape | undefined): string | null {
  if (!shape) return null;
  if (shape.length === 0) return 'scalar';
  return `[${shape.join(', ')}]`;
}

// One formatter for all: Number#toLocaleString builds a new one on every call, which a canvas
// of hundreds of nodes pays on every frame.
const GROUPED = new Intl.NumberFormat('en-US');

/** `1,056 params`; compact from 10,000 on: `52.5k params`, `2.1M params`. */
export function formatParamCount(n: number): string {
  if (n >= 1e6) return `${trim(n / 1e6)}M params`;
  if (n >= 1e4) return `${trim(n / 1e3)}k params`;
  return `${GROUPED.format(n)} ${n === 1 ? 'param' : 'params'}`;
}

/** `1,251,000 params`, exact. */
export function formatParamCountExact(n: number): string {
  return `${GROUPED.format(n)} ${n === 1 ? 'param' : 'params'}`;
}

function trim(x: number): string {
  return x >= 100 ? Math.round(x).toString() : x.toFixed(1).replace(/\.0$/, '');
}

/**
 * The node's key parameters in one line, as its kind writes them: `Linear 200 → 1000`,
 * `LeakyReLU α=0.1`, `Input 10`. An in_features left to be inferred shows the inferred
 * value, or `?` while there is none.
 */
export function nodeSummary(node: ModelNode, inferredIn?: number): string {
  return nodeKind(node.type).summary(node.params as Record<string, number | undefined>, inferredIn);
}

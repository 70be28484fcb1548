import { Tensor, type Layer, type TensorData } from '../../engine';
import { quoteText } from '../quote';

/**
 * A layer's Jacobian J on its last batch, as its kind knows it analytically: the pattern of
 * its non-zero entries and the few numbers that fill it, never J itself. J has one row per
 * output element and one column per element of the differentiated tensor (both flattened
 * row-major). `runtime/jacobian` summarises a spec on a grid of tiles for the views.
 *
 * - `diagonal`: square; only J[k, k] = values[k] can be non-zero (elementwise layers, Dropout).
 * - `block-diagonal`: `blocks` blocks of blockRows × blockCols along the diagonal, one per
 *   sample: the same matrix in each (`shared`, Linear w.r.t. its input: W), or each its own
 *   (`own`, row-major one after another: a loss's per-sample gradient rows).
 * - `row-blocks`: rows (n, i), columns (k, j): J = rows[n, j] when i = k, else 0 (Linear
 *   w.r.t. W, where rows = X).
 * - `stacked-identity`: one out × out identity per sample, stacked (Linear w.r.t. b).
 */
export type JacobianSpec = {
  outDims: readonly number[];
  wrtDims: readonly number[];
  /** Symbols of J's two sides: Y and X for a layer w.r.t. its input, ℓ and x for a loss, Y and W, … */
  symbols: { out: string; wrt: string };
  /** The non-zero entries in a formula, e.g. "dY[n,i]/dX[m,j] = W[i,j] when n = m, else 0". */
  formula: string;
  /** Bytes of the arrays the kind allocated to describe J (0 when it points at existing tensors). */
  bytes: number;
} & (
  | { pattern: 'diagonal'; values: Float32Array }
  | { pattern: 'block-diagonal'; blocks: number; blockRows: number; blockCols: number; shared: TensorData }
  | { pattern: 'block-diagonal'; blocks: number; blockRows: number; blockCols: number; own: Float32Array }
  | { pattern: 'row-blocks'; samples: number; out: number; width: number; rows: TensorData }
  | { pattern: 'stacked-identity'; samples: number; out: number }
);

export type JacobianPattern = JacobianSpec['pattern'];

export function notRunYet(layer: Layer): Error {
  return new Error(`jacobianStructure: ${layer} has not run forward yet, so there is no batch to differentiate`);
}

export function noSuchWrt(layer: Layer, wrt: string, names: readonly string[]): Error {
  const options = ['input', ...names].map((n) => `'${n}'`).join(', ');
  return new Error(`jacobianStructure: ${layer} has no parameter ${quoteText(wrt)}; it can be differentiated with respect to ${options}`);
}

/**
 * The diagonal of an elementwise layer's Jacobian, taken from its own backward pass with an
 * incoming gradient of ones: backward computes dout ⊙ f′(x), so the values are exactly the
 * ones its backward uses (rounded to float32 for the views).
 */
export function elementwiseJacobian(layer: Layer, shape: readonly number[] | null, wrt: string, derivative: string): JacobianSpec {
  if (wrt !== 'input') throw noSuchWrt(layer, wrt, []);
  if (!shape) throw notRunYet(layer);
  const ones = Tensor.full(shape, 1);
  const d = layer.backward(ones).data;
  const values = d instanceof Float32Array ? d : Float32Array.from(d);
  return {
    pattern: 'diagonal',
    outDims: shape,
    wrtDims: shape,
    symbols: { out: 'Y', wrt: 'X' },
    formula: `dY[n,i]/dX[m,j] = f′(X[n,i]) when (n, i) = (m, j), else 0; ${derivative}`,
    values,
    bytes: ones.data.byteLength + values.byteLength,
  };
}

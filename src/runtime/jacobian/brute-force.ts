import { CrossEntropyLoss, Linear, Tensor, type Layer } from '../../engine';
import type { Edges } from './tiles';
import type { JacobianWrt } from './types';

/**
 * A reference Jacobian built without any knowledge of its structure: row r is the
 * vector-Jacobian product of one-hot(r) through the layer's own backward() (for `w` and `b`,
 * the parameter gradients after zeroGrad). Costs one backward per output element: tests only.
 */
export function bruteForceJacobian(layer: Layer, outShape: readonly number[], wrt: JacobianWrt): { rows: number; cols: number; dense: Float32Array } {
  const rows = outShape.reduce((p, d) => p * d, 1);
  let cols = -1;
  let dense = new Float32Array(0);
  for (let r = 0; r < rows; r++) {
    const dout = Tensor.zeros(outShape);
    dout.data[r] = 1;
    layer.zeroGrad();
    const dx = layer.backward(dout);
    let row: ArrayLike<number>;
    if (wrt === 'input') row = dx.data;
    else if (layer instanceof Linear) row = wrt === 'w' ? layer.dw.data : layer.db.data;
    else throw new Error(`bruteForceJacobian: ${layer} has no parameter ${wrt}`);
    if (cols < 0) {
      cols = row.length;
      dense = new Float32Array(rows * cols);
    }
    dense.set(row, r * cols);
  }
  return { rows, cols: Math.max(cols, 0), dense };
}

/**
 * The per-sample cross-entropy Jacobian dℓ_n/dx from the loss's own backward on one-sample
 * batches (where the mean is ℓ_n itself); ℓ_n reads only row n, so other columns stay zero.
 */
export function bruteForceCrossEntropy(scores: Tensor, labels: ArrayLike<number>): Float32Array {
  const [n, c] = scores.shape;
  const dense = new Float32Array(n * n * c);
  for (let s = 0; s < n; s++) {
    const loss = new CrossEntropyLoss();
    const row = Tensor.from(scores.data.subarray(s * c, (s + 1) * c), [1, c], scores.dtype);
    loss.forward(row, [labels[s]]);
    dense.set(loss.backward().data, s * n * c + s * c);
  }
  return dense;
}

/** Tile fractions and maxima read straight off a dense matrix. */
export function tilesOfDense(dense: Float32Array, cols: number, rowEdges: Edges, colEdges: Edges): { fraction: Float32Array; maxAbs: Float32Array } {
  const kr = rowEdges.length - 1;
  const kc = colEdges.length - 1;
  const fraction = new Float32Array(kr * kc);
  const maxAbs = new Float32Array(kr * kc);
  for (let a = 0; a < kr; a++) {
    for (let b = 0; b < kc; b++) {
      let nz = 0;
      let m = 0;
      for (let r = rowEdges[a]; r < rowEdges[a + 1]; r++) {
        for (let c = colEdges[b]; c < colEdges[b + 1]; c++) {
          const v = Math.abs(dense[r * cols + c]);
          if (v !== 0) nz++;
          if (v > m) m = v;
        }
      }
      fraction[a * kc + b] = nz / ((rowEdges[a + 1] - rowEdges[a]) * (colEdges[b + 1] - colEdges[b]));
      maxAbs[a * kc + b] = m;
    }
  }
  return { fraction, maxAbs };
}

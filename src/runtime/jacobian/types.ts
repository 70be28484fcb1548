/** Which tensor the Jacobian differentiates with respect to. */
export type JacobianWrt = 'input' | 'w' | 'b';

/**
 * The short name of a Jacobian's structure, in its matricised form J (one row per output
 * element, one column per element of the differentiated tensor, both flattened row-major):
 * - `diagonal`: J is square and only its diagonal can be non-zero (elementwise layers, Dropout).
 * - `block-diagonal`: equal-sized blocks along the diagonal, one per sample (Linear w.r.t.
 *   its input: W in every block; CrossEntropyLoss: one 1×C row block per sample).
 * - `row-blocks`: output row (n, i) is non-zero only in the column block of W's row i, where it
 *   holds the sample's input row X[n, :] (Linear w.r.t. W).
 * - `stacked-identity`: one identity matrix per sample, stacked vertically (Linear w.r.t. b).
 */
export type JacobianPattern = 'diagonal' | 'block-diagonal' | 'row-blocks' | 'stacked-identity';

export interface JacobianOptions {
  /** Upper bound on the tile ranges per side (default 256). */
  maxCells?: number;
  /** Whether to include the dense matrix (default: when it has at most 1e6 entries). */
  dense?: boolean;
}

/** A coarse summary of J on a grid of cells; every figure is exact. */
export interface JacobianTiles {
  /** Number of row ranges. */
  rows: number;
  /** Number of column ranges. */
  cols: number;
  /** rows + 1 boundaries in the rows of J (first 0, last J's row count). */
  rowEdges: Int32Array | number[];
  /** cols + 1 boundaries in the columns of J. */
  colEdges: Int32Array | number[];
  /** rows × cols, row-major: non-zero entries of the cell / entries of the cell. */
  fraction: Float32Array;
  /** rows × cols, row-major: the largest |value| in the cell (0 for an all-zero cell). */
  maxAbs: Float32Array;
}

/** The structure of a layer's Jacobian on its last batch, summarised without materialising it. */
export interface JacobianStructure {
  /** The layer's toString(). */
  layer: string;
  wrt: JacobianWrt;
  /** Output dimensions followed by the dimensions of the differentiated tensor. */
  shape: number[];
  /** Rows of J: the product of the output dimensions. */
  rows: number;
  /** Columns of J: the product of the differentiated tensor's dimensions. */
  cols: number;
  /** rows × cols (exact below 2^53). */
  entries: number;
  /** Entries that are non-zero (values rounded to float32, as in `dense`). */
  nonZeros: number;
  /** What a dense float32 J would take: entries × 4. */
  bytesFloat32: number;
  /** Bytes of the typed arrays this summary allocated, temporaries included. */
  bytesUsed: number;
  pattern: JacobianPattern;
  tiles: JacobianTiles;
  /** J itself, rows × cols row-major, when it is small enough (see JacobianOptions.dense). */
  dense?: Float32Array;
}

import type { JacobianPattern } from '../../model';

/** Which tensor the Jacobian differentiates with respect to: `'input'`, or a parameter of the layer by name (`'w'`, `'b'`). */
export type JacobianWrt = string;

/** The short name of a Jacobian's structure (see the model's `JacobianSpec`). */
export type { JacobianPattern };

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
  /** The layer's kind (its node type). */
  kind: string;
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
  /** Symbols of J's two sides (Y and X, ℓ and x, Y and W, …). */
  symbols: { out: string; wrt: string };
  /** The non-zero entries as a formula, from the layer's kind. */
  formula: string;
  tiles: JacobianTiles;
  /** J itself, rows × cols row-major, when it is small enough (see JacobianOptions.dense). */
  dense?: Float32Array;
}

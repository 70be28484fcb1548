import { Layer, Sequential } from '../../engine';
import { kindOfLayer, LAYER_KINDS, type JacobianSpec } from '../../model';
import { denseBlockDiagonal, OwnBlocks, SharedBlock, summariseBlockDiagonal, type BlockSource } from './block-diagonal';
import { RowBlocks } from './row-blocks';
import { Allocation, TileGrid } from './tiles';
import type { JacobianOptions, JacobianStructure, JacobianWrt } from './types';

/** Above this many entries the dense J is left out unless asked for (and refused past it). */
export const DENSE_LIMIT = 1e6;
const SUPPORTED = LAYER_KINDS.map((k) => k.type).join(', ');

interface Plan {
  /** Fills the tiles and returns the number of non-zero entries. */
  summarise(grid: TileGrid): number;
  dense(out: Float32Array): void;
}

/**
 * The structure of `layer`'s Jacobian on its last batch (the layer has just run forward), with
 * respect to its input or to a Linear layer's `w` or `b`, derived analytically and summarised on
 * a grid of at most `maxCells` × `maxCells` tiles — never materialised unless it is small. What
 * J looks like is the layer's kind's to say (`JacobianSpec`); this file only summarises it.
 *
 * J has one row per output element and one column per element of the differentiated tensor
 * (both flattened row-major): J[r, c] = d out_r / d wrt_c. For CrossEntropyLoss the outputs are
 * the per-sample losses ℓ_n (shape [N]); the scalar loss is their mean, so its gradient is the
 * column sums of this J divided by N.
 */
export function jacobianStructure(layer: Layer, wrt: JacobianWrt = 'input', options: JacobianOptions = {}): JacobianStructure {
  const maxCells = options.maxCells ?? 256;
  if (!Number.isInteger(maxCells) || maxCells < 1) {
    throw new RangeError(`jacobianStructure: expected options.maxCells to be an integer ≥ 1, got ${String(maxCells)}`);
  }
  if (options.dense !== undefined && typeof options.dense !== 'boolean') {
    throw new TypeError(`jacobianStructure: expected options.dense to be a boolean, got ${String(options.dense)}`);
  }
  const mem = new Allocation();
  const { kind, spec } = specFor(layer, wrt);
  mem.bytes += spec.bytes;
  const plan = planOf(spec, mem);
  const rows = product(spec.outDims);
  const cols = product(spec.wrtDims);
  const entries = rows * cols;
  const wantDense = options.dense ?? entries <= DENSE_LIMIT;
  if (wantDense && entries > DENSE_LIMIT) {
    throw new RangeError(
      `jacobianStructure: ${layer} w.r.t. ${wrt} has ${entries} entries; a dense Jacobian is only built up to ${DENSE_LIMIT} entries`,
    );
  }
  const grid = new TileGrid(rows, cols, maxCells, mem);
  const nonZeros = plan.summarise(grid);
  const tiles = grid.finish();
  let dense: Float32Array | undefined;
  if (wantDense) {
    dense = mem.f32(entries);
    plan.dense(dense);
  }
  return {
    layer: String(layer),
    kind,
    wrt,
    shape: [...spec.outDims, ...spec.wrtDims],
    rows,
    cols,
    entries,
    nonZeros,
    bytesFloat32: entries * 4,
    bytesUsed: mem.bytes,
    pattern: spec.pattern,
    symbols: spec.symbols,
    formula: spec.formula,
    tiles,
    ...(dense ? { dense } : {}),
  };
}

function product(dims: readonly number[]): number {
  let p = 1;
  for (const d of dims) p *= d;
  return p;
}

function specFor(layer: Layer, wrt: JacobianWrt): { kind: string; spec: JacobianSpec } {
  if (layer instanceof Sequential || layer.children().length > 0) {
    throw new Error(
      `jacobianStructure: ${layer} is a composition of layers; its Jacobian is not summarised — ask for each of its layers (${SUPPORTED})`,
    );
  }
  const kind = kindOfLayer(layer);
  if (!kind) throw new Error(`jacobianStructure: unsupported layer ${String(layer)} (supported: ${SUPPORTED})`);
  const names = layer.params().map((p) => p.name);
  if (typeof wrt !== 'string' || (wrt !== 'input' && !names.includes(wrt) && names.length > 0)) {
    const options = ['input', ...names].map((n) => `'${n}'`);
    throw new RangeError(`jacobianStructure: expected wrt to be ${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}, got ${JSON.stringify(wrt)}`);
  }
  return { kind: kind.type, spec: kind.jacobian(layer, wrt) };
}

function planOf(spec: JacobianSpec, mem: Allocation): Plan {
  switch (spec.pattern) {
    case 'diagonal': {
      const d = spec.values;
      return blockPlan(() => new OwnBlocks(d.length, 1, 1, d));
    }
    case 'block-diagonal': {
      const { blocks, blockRows, blockCols } = spec;
      const make = 'shared' in spec ? (g: TileGrid) => new SharedBlock(blocks, blockRows, blockCols, spec.shared, g, mem) : () => new OwnBlocks(blocks, blockRows, blockCols, spec.own);
      return blockPlan(make);
    }
    case 'row-blocks':
      return rowBlockPlan((g) => new RowBlocks(spec.samples, spec.out, spec.width, spec.rows, g, mem));
    case 'stacked-identity':
      // The row-block structure of a one-column input of ones.
      return rowBlockPlan((g) => {
        const ones = mem.f32(spec.samples);
        ones.fill(1);
        return new RowBlocks(spec.samples, spec.out, 1, ones, g, mem);
      });
  }
}

function blockPlan(make: (g: TileGrid) => BlockSource): Plan {
  let src: BlockSource | null = null;
  return {
    summarise(grid) {
      src = make(grid);
      summariseBlockDiagonal(src, grid);
      return src.nonZeros();
    },
    dense(out) {
      if (!src) throw new Error('jacobianStructure: dense requested before the tiles');
      denseBlockDiagonal(src, out);
    },
  };
}

function rowBlockPlan(make: (g: TileGrid) => RowBlocks): Plan {
  let rb: RowBlocks | null = null;
  return {
    summarise(grid) {
      rb = make(grid);
      rb.summarise();
      return rb.nonZeros();
    },
    dense(arr) {
      if (!rb) throw new Error('jacobianStructure: dense requested before the tiles');
      rb.dense(arr);
    },
  };
}

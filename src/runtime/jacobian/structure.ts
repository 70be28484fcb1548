import { CrossEntropyLoss, Dropout, LeakyReLU, Linear, MLP, Sequential, Sigmoid, TanH, type Layer } from '../../engine';
import { denseBlockDiagonal, OwnBlocks, SharedBlock, summariseBlockDiagonal, type BlockSource } from './block-diagonal';
import { activationDerivative, dropoutDerivative } from './derivatives';
import { RowBlocks } from './row-blocks';
import { Allocation, TileGrid } from './tiles';
import type { JacobianOptions, JacobianPattern, JacobianStructure, JacobianWrt } from './types';

/** Above this many entries the dense J is left out unless asked for (and refused past it). */
export const DENSE_LIMIT = 1e6;
const WRTS: readonly JacobianWrt[] = ['input', 'w', 'b'];
const SUPPORTED = 'Linear, ReLU, LeakyReLU, Sigmoid, TanH, Dropout, CrossEntropyLoss';

interface Plan {
  pattern: JacobianPattern;
  outDims: readonly number[];
  wrtDims: readonly number[];
  /** Fills the tiles and returns the number of non-zero entries. */
  summarise(grid: TileGrid): number;
  dense(out: Float32Array): void;
}

/**
 * The structure of `layer`'s Jacobian on its last batch (the layer has just run forward), with
 * respect to its input or to a Linear layer's `w` or `b`, derived analytically and summarised on
 * a grid of at most `maxCells` × `maxCells` tiles — never materialised unless it is small.
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
  if (!WRTS.includes(wrt)) {
    throw new RangeError(`jacobianStructure: expected wrt to be 'input', 'w' or 'b', got ${JSON.stringify(wrt)}`);
  }
  const mem = new Allocation();
  const plan = planFor(layer, wrt, mem);
  const rows = product(plan.outDims);
  const cols = product(plan.wrtDims);
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
    wrt,
    shape: [...plan.outDims, ...plan.wrtDims],
    rows,
    cols,
    entries,
    nonZeros,
    bytesFloat32: entries * 4,
    bytesUsed: mem.bytes,
    pattern: plan.pattern,
    tiles,
    ...(dense ? { dense } : {}),
  };
}

function product(dims: readonly number[]): number {
  let p = 1;
  for (const d of dims) p *= d;
  return p;
}

function planFor(layer: Layer, wrt: JacobianWrt, mem: Allocation): Plan {
  if (layer instanceof Sequential || layer instanceof MLP) {
    throw new Error(
      `jacobianStructure: ${layer} is a composition of layers; its Jacobian is not summarised — ask for each of its layers (${SUPPORTED})`,
    );
  }
  if (layer instanceof Linear) return linearPlan(layer, wrt, mem);
  const known =
    layer instanceof LeakyReLU || layer instanceof Sigmoid || layer instanceof TanH || layer instanceof Dropout || layer instanceof CrossEntropyLoss;
  if (!known) throw new Error(`jacobianStructure: unsupported layer ${String(layer)} (supported: ${SUPPORTED})`);
  if (wrt !== 'input') throw new Error(`jacobianStructure: ${layer} has no parameter '${wrt}'; only wrt 'input' applies`);
  if (layer instanceof CrossEntropyLoss) return crossEntropyPlan(layer, mem);
  const { shape, d } = layer instanceof Dropout ? dropoutDerivative(layer, mem) : activationDerivative(layer, mem);
  return blockPlan('diagonal', shape, shape, () => new OwnBlocks(d.length, 1, 1, d));
}

function blockPlan(pattern: JacobianPattern, outDims: readonly number[], wrtDims: readonly number[], make: (g: TileGrid) => BlockSource): Plan {
  let src: BlockSource | null = null;
  return {
    pattern,
    outDims,
    wrtDims,
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

function linearPlan(layer: Linear, wrt: JacobianWrt, mem: Allocation): Plan {
  const x = layer.lastInput;
  if (!x) throw new Error(`jacobianStructure: ${layer} has not run forward yet, so there is no batch to differentiate`);
  const batch = x.shape.slice(0, -1);
  const count = product(batch);
  const out = layer.outFeatures;
  const inF = layer.inFeatures;
  const outDims = [...batch, out];
  if (wrt === 'input') {
    // dY[n,i]/dX[m,j] = W[i,j] if n = m: W in each sample's diagonal block.
    return blockPlan('block-diagonal', outDims, x.shape, (g) => new SharedBlock(count, out, inF, layer.w.data, g, mem));
  }
  let rb: RowBlocks | null = null;
  const make = (g: TileGrid): RowBlocks => {
    if (wrt === 'w') return new RowBlocks(count, out, inF, x.data, g, mem);
    // dY[n,i]/db[k] = [i = k]: the row-block structure of a one-column input of ones.
    const ones = mem.f32(count);
    ones.fill(1);
    return new RowBlocks(count, out, 1, ones, g, mem);
  };
  return {
    pattern: wrt === 'w' ? 'row-blocks' : 'stacked-identity',
    outDims,
    wrtDims: wrt === 'w' ? layer.w.shape : layer.b.shape,
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

function crossEntropyPlan(layer: CrossEntropyLoss, mem: Allocation): Plan {
  const p = layer.probabilities;
  const y = layer.lastLabels;
  if (!p || !y) throw new Error(`jacobianStructure: ${layer} has not run forward yet, so there is no batch to differentiate`);
  const [n, c] = p.shape;
  const pd = p.data;
  // dℓ_n/dx[n,c] = softmax(x_n)_c − [c = y_n]; ℓ_n does not depend on other samples' scores.
  const g = mem.f32(n * c);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < c; k++) g[r * c + k] = pd[r * c + k] - (k === y[r] ? 1 : 0);
  }
  return blockPlan('block-diagonal', [n], p.shape, () => new OwnBlocks(n, 1, c, g));
}

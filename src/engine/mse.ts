import { at, backwardBeforeForward, checkInput, checkParamTangents, checkTangent, describe, jvpBeforeForward } from './checks';
import { scalarOf } from './cross-entropy';
import { Layer } from './layer';
import { allocate, Tensor, type DType } from './tensor';

/**
 * Mean squared error over all elements, as PyTorch's `nn.MSELoss()` (reduction='mean'):
 * for predictions x [N, D] and targets y (N·D numbers, row-major),
 *   L = Σᵢ (xᵢ − yᵢ)² / (N·D),   dL/dx = 2(x − y) / (N·D),
 * and in forward mode dL = Σᵢ 2(xᵢ − yᵢ)·dxᵢ / (N·D). Targets are rounded to the
 * predictions' dtype first, as a float32 target tensor would be. An empty batch has loss 0
 * (PyTorch gives NaN), as CrossEntropyLoss here.
 */
export class MSELoss extends Layer {
  /** x − y of the last forward pass, in the predictions' dtype. */
  private diff: Tensor | null = null;

  forward(x: Tensor, y?: ArrayLike<number>): Tensor {
    const t = checkInput(this, 'forward', x, '[N, D] (predictions)', isPredictions);
    // A failed forward leaves no stale state for backward to use.
    this.diff = null;
    const targets = checkTargets(this, y, t.shape);
    const xd = t.data;
    const d = allocate(t.dtype, xd.length);
    const round = t.dtype === 'float32' ? Math.fround : (v: number) => v;
    let total = 0;
    for (let i = 0; i < xd.length; i++) {
      // The difference rounds to the dtype (d is typed) as PyTorch's would; squares sum in float64.
      d[i] = xd[i] - round(targets[i]);
      total += d[i] * d[i];
    }
    this.diff = new Tensor(d, t.shape);
    const loss = allocate(t.dtype, 1);
    loss[0] = xd.length === 0 ? 0 : total / xd.length;
    return new Tensor(loss, []);
  }

  /** dL/dx = 2(x − y)·g / (N·D) for an incoming gradient g (a scalar tensor; 1 when omitted). */
  backward(dout?: Tensor): Tensor {
    if (!this.diff) throw backwardBeforeForward(this);
    const g = dout === undefined ? 1 : scalarOf(this, dout);
    const d = this.diff.data;
    const dx = allocate(this.diff.dtype, d.length);
    const s = d.length === 0 ? 0 : (2 * g) / d.length;
    for (let i = 0; i < d.length; i++) dx[i] = d[i] * s;
    return new Tensor(dx, this.diff.shape);
  }

  /** dL = Σᵢ 2(xᵢ − yᵢ)·dxᵢ / (N·D): a scalar tangent, shape []. */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    if (!this.diff) throw jvpBeforeForward(this);
    checkParamTangents(this, dparams, []);
    const out = allocate(this.diff.dtype, 1);
    if (dx === null || dx === undefined) return new Tensor(out, []);
    const td = checkTangent(this, 'dx', dx, this.diff.shape, "the last predictions'").data;
    const d = this.diff.data;
    let total = 0;
    for (let i = 0; i < d.length; i++) total += d[i] * td[i];
    out[0] = d.length === 0 ? 0 : (2 * total) / d.length;
    return new Tensor(out, []);
  }

  /** A copy of x − y of the last forward pass (predictions minus targets), or null before one. */
  get difference(): Tensor | null {
    return this.diff && this.diff.clone();
  }

  clone(dtype?: DType): MSELoss {
    void dtype;
    const c = new MSELoss();
    c.training = this.training;
    return c;
  }

  toString(): string {
    return 'MSELoss';
  }
}

const isPredictions = (v: Tensor): boolean => v.shape.length === 2;

/** Targets must be N·D finite numbers, one per prediction (row-major). */
function checkTargets(owner: object, y: ArrayLike<number> | undefined, shape: readonly number[]): ArrayLike<number> {
  const [n, d] = shape;
  const size = n * d;
  const where = (): string => at(owner, 'forward');
  if (y === undefined || y === null || typeof (y as ArrayLike<number>).length !== 'number') {
    throw new Error(`${where()}: expected targets y, ${size} numbers (N·D = ${n}·${d}, one per prediction), got ${describe(y)}`);
  }
  if (y.length !== size) {
    const hint = y.length === n && d > 1 ? ' (class labels? MSELoss takes one target per output)' : '';
    throw new Error(`${where()}: expected ${size} targets (N·D = ${n}·${d}, one per prediction), got ${y.length}${hint}`);
  }
  for (let i = 0; i < size; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${where()}: expected targets to be finite numbers, got ${describe(v)} at index ${i} (row ${Math.floor(i / d)}, column ${i % d})`);
    }
  }
  return y;
}

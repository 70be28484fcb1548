import { backwardBeforeForward, checkGrad, checkInput, checkNumber, checkParamTangents, checkTangent, jvpBeforeForward } from './checks';
import { gemm } from './gemm';
import { Layer, type Param } from './layer';
import { defaultRng, Rng } from './rng';
import { allocate, Tensor, type DType } from './tensor';

/** Whether two shapes agree in all but their last dimension. */
function sameLeading(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Marks a construction whose weights are about to be overwritten (clone): no draws. */
const SKIP_INIT = new Rng(0);

export interface LinearOptions {
  /** Standard deviation of the normal initialisation of `w` (default 0.1). */
  wstd?: number;
  /** Generator for the initial weights (default: the engine's default generator). */
  rng?: Rng;
  dtype?: DType;
}

/**
 * Z = X·Wᵀ + b, with X [N, in] (or [..., in]), W [out, in], b [out].
 *
 * Backward, for δZ = dL/dZ (never forming dZ/dX, a [N, out, N, in] tensor that is
 * block-diagonal over samples with W in each block, nor dZ/dW):
 *   dL/dX = δZ·W,   dL/dW += δZᵀ·X,   dL/db += Σₙ δZ[n].
 * Parameter gradients accumulate across backward calls, as PyTorch's `.grad` does.
 *
 * Forward mode, for tangents dX, dW, db: dZ = dX·Wᵀ + X·dWᵀ + db (each term skipped when
 * its tangent is absent).
 */
export class Linear extends Layer {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly w: Tensor;
  readonly b: Tensor;
  readonly dw: Tensor;
  readonly db: Tensor;
  private input: Tensor | null = null;
  private outShape: readonly number[] | null = null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    const where = 'Linear';
    this.inFeatures = checkNumber(where, 'in_features', inFeatures, { integer: true, min: 1 });
    this.outFeatures = checkNumber(where, 'out_features', outFeatures, { integer: true, min: 1 });
    const wstd = checkNumber(where, 'wstd', options.wstd ?? 0.1, { min: 0 });
    const dtype = options.dtype ?? 'float32';
    this.w = options.rng === SKIP_INIT
      ? Tensor.zeros([outFeatures, inFeatures], dtype)
      : Tensor.randn([outFeatures, inFeatures], options.rng ?? defaultRng(), wstd, dtype);
    this.b = Tensor.zeros([outFeatures], dtype);
    this.dw = Tensor.zeros([outFeatures, inFeatures], dtype);
    this.db = Tensor.zeros([outFeatures], dtype);
  }

  forward(x: Tensor): Tensor {
    const inF = this.inFeatures;
    const t = checkInput(this, 'forward', x, () => `[N, ${inF}]`, (v) => v.shape.length >= 1 && v.shape[v.shape.length - 1] === inF);
    const n = t.size / inF;
    const o = this.outFeatures;
    const out = allocate(this.w.dtype, n * o);
    // Start from the bias and let the product accumulate onto it: one pass, one rounding.
    const b = this.b.data;
    for (let r = 0, p = 0; r < n; r++) for (let j = 0; j < o; j++, p++) out[p] = b[j];
    gemm(false, true, n, o, inF, t.data, this.w.data, out, true);
    this.input = t;
    const last = this.outShape;
    if (!last || last.length !== t.shape.length || !sameLeading(last, t.shape)) this.outShape = Object.freeze([...t.shape.slice(0, -1), o]);
    return new Tensor(out, this.outShape as readonly number[]);
  }

  backward(dout?: Tensor): Tensor {
    const g = this.backwardParamGrads(dout);
    const x = this.input as Tensor;
    const n = x.size / this.inFeatures;
    const dx = allocate(x.dtype, x.size);
    gemm(false, false, n, this.inFeatures, this.outFeatures, g.data, this.w.data, dx);
    return new Tensor(dx, x.shape);
  }

  /** dZ = dX·Wᵀ + X·dWᵀ + db at the last input X; absent tangents contribute nothing. */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    if (!this.input || !this.outShape) throw jvpBeforeForward(this);
    const x = this.input;
    const t = dx === null || dx === undefined ? null : checkTangent(this, 'dx', dx, x.shape, "the last input's");
    const [dw, db] = checkParamTangents(this, dparams, this.params()) ?? [null, null];
    const n = x.size / this.inFeatures;
    const o = this.outFeatures;
    const dz = allocate(this.w.dtype, n * o);
    if (db) {
      const bd = db.data;
      for (let r = 0, p = 0; r < n; r++) for (let j = 0; j < o; j++, p++) dz[p] = bd[j];
    }
    if (t) gemm(false, true, n, o, this.inFeatures, t.data, this.w.data, dz, true);
    if (dw) gemm(false, true, n, o, this.inFeatures, x.data, dw.data, dz, true);
    return new Tensor(dz, this.outShape);
  }

  /** Accumulates dW and db only, skipping dL/dX = δZ·W (a third of the layer's arithmetic). */
  override backwardParams(dout?: Tensor): void {
    this.backwardParamGrads(dout);
  }

  private backwardParamGrads(dout: Tensor | undefined): Tensor {
    if (!this.input || !this.outShape) throw backwardBeforeForward(this);
    const g = checkGrad(this, 'backward', dout, this.outShape);
    const x = this.input;
    const n = x.size / this.inFeatures;
    gemm(true, false, this.outFeatures, this.inFeatures, n, g.data, x.data, this.dw.data, true);
    const gd = g.data;
    const db = this.db.data;
    const o = this.outFeatures;
    for (let r = 0, p = 0; r < n; r++) for (let j = 0; j < o; j++, p++) db[j] += gd[p];
    return g;
  }

  override params(): Param[] {
    return [
      { name: 'w', value: this.w, grad: this.dw },
      { name: 'b', value: this.b, grad: this.db },
    ];
  }

  /** The last input X (for Jacobian structure and inspection). */
  get lastInput(): Tensor | null {
    return this.input;
  }

  clone(dtype: DType = this.w.dtype): Linear {
    const c = new Linear(this.inFeatures, this.outFeatures, { rng: SKIP_INIT, dtype });
    c.w.data.set(this.w.data);
    c.b.data.set(this.b.data);
    c.dw.data.set(this.dw.data);
    c.db.data.set(this.db.data);
    c.training = this.training;
    return c;
  }

  toString(): string {
    return `Linear(in_features=${this.inFeatures}, out_features=${this.outFeatures})`;
  }
}

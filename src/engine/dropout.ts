import { backwardBeforeForward, checkGrad, checkInput, checkNumber, checkParamTangents, checkTangent, jvpBeforeForward } from './checks';
import { Layer } from './layer';
import { defaultRng, type Rng } from './rng';
import { allocate, Tensor, type DType, type TensorData } from './tensor';

export interface DropoutOptions {
  rng?: Rng;
}

/**
 * Inverted dropout: in training each unit is dropped with probability p and the kept
 * ones are scaled by 1/(1−p), so evaluation is the identity. The Jacobian is the
 * diagonal of that mask: the gradient flows only through kept units, scaled alike.
 */
export class Dropout extends Layer {
  readonly p: number;
  readonly rng: Rng;
  /** Per element: 0 (dropped) or 1/(1−p) (kept); null after an evaluation-mode forward. */
  private maskData: TensorData | null = null;
  private outShape: readonly number[] | null = null;
  private outDtype: DType = 'float32';

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super();
    this.p = checkNumber('Dropout', 'p', p, { min: 0, max: 1 });
    this.rng = options.rng ?? defaultRng();
  }

  forward(x: Tensor): Tensor {
    const t = checkInput(this, 'forward', x, 'of any shape', () => true);
    this.outShape = t.shape;
    this.outDtype = t.dtype;
    if (!this.training || this.p === 0) {
      this.maskData = null;
      return t.clone();
    }
    const keep = 1 - this.p;
    // Rounded to the tensor's dtype first, so forward and backward scale by the same number.
    const scale = keep === 0 ? 0 : t.dtype === 'float32' ? Math.fround(1 / keep) : 1 / keep;
    const xd = t.data;
    const mask = allocate(t.dtype, xd.length);
    const out = allocate(t.dtype, xd.length);
    const rng = this.rng;
    for (let i = 0; i < xd.length; i++) {
      const m = rng.uniform() < keep ? scale : 0;
      mask[i] = m;
      out[i] = xd[i] * m;
    }
    this.maskData = mask;
    return new Tensor(out, t.shape);
  }

  backward(dout?: Tensor): Tensor {
    if (!this.outShape) throw backwardBeforeForward(this);
    const g = checkGrad(this, 'backward', dout, this.outShape);
    if (!this.maskData) return g.clone();
    const m = this.maskData;
    const gd = g.data;
    const dx = allocate(g.dtype, gd.length);
    for (let i = 0; i < gd.length; i++) dx[i] = gd[i] * m[i];
    return new Tensor(dx, g.shape);
  }

  /**
   * dz = m ⊙ dx with the last forward's mask m (0 or 1/(1−p) per element; the identity in
   * evaluation mode): the tangent passes the units that forward kept, scaled alike.
   */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    if (!this.outShape) throw jvpBeforeForward(this);
    checkParamTangents(this, dparams, []);
    if (dx === null || dx === undefined) return Tensor.zeros(this.outShape, this.outDtype);
    const t = checkTangent(this, 'dx', dx, this.outShape, "the last input's");
    if (!this.maskData) return t.clone();
    const m = this.maskData;
    const td = t.data;
    const dz = allocate(t.dtype, td.length);
    for (let i = 0; i < td.length; i++) dz[i] = td[i] * m[i];
    return new Tensor(dz, t.shape);
  }

  /** Shape of the last input (and output), or null before the first forward. */
  get lastShape(): readonly number[] | null {
    return this.outShape;
  }

  /** The last training-mode mask (0 or 1/(1−p) per element), or null in evaluation mode. */
  get mask(): Tensor | null {
    return this.maskData && this.outShape ? new Tensor(this.maskData, this.outShape) : null;
  }

  clone(dtype?: DType, rngs: Map<Rng, Rng> = new Map()): Dropout {
    void dtype;
    let rng = rngs.get(this.rng);
    if (!rng) {
      rng = this.rng.clone();
      rngs.set(this.rng, rng);
    }
    const c = new Dropout(this.p, { rng });
    c.training = this.training;
    return c;
  }

  toString(): string {
    return `Dropout(p=${this.p})`;
  }
}

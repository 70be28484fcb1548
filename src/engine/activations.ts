import { backwardBeforeForward, checkGrad, checkInput, checkNumber, checkParamTangents, checkTangent, jvpBeforeForward } from './checks';
import { Layer } from './layer';
import { allocate, Tensor, type DType } from './tensor';

const anyShape = (): boolean => true;

/** Base of the elementwise activations: any input shape, output of the same shape. */
abstract class Elementwise extends Layer {
  protected input: Tensor | null = null;
  protected output: Tensor | null = null;

  protected begin(x: Tensor): Tensor {
    const t = checkInput(this, 'forward', x, 'of any shape', anyShape);
    this.input = t;
    return t;
  }

  protected gradIn(dout: Tensor | undefined): { x: Tensor; out: Tensor; g: Tensor } {
    if (!this.input || !this.output) throw backwardBeforeForward(this);
    const g = checkGrad(this, 'backward', dout, this.output.shape);
    return { x: this.input, out: this.output, g };
  }

  /** The stashed input and output, and the input tangent (null: zero) after checking it. */
  protected tangentIn(dx: Tensor | null, dparams: readonly (Tensor | null)[] | undefined): { x: Tensor; out: Tensor; t: Tensor | null } {
    if (!this.input || !this.output) throw jvpBeforeForward(this);
    checkParamTangents(this, dparams, []);
    const t = dx === null || dx === undefined ? null : checkTangent(this, 'dx', dx, this.input.shape, "the last input's");
    return { x: this.input, out: this.output, t };
  }

  /** The last input (for Jacobian structure and inspection). */
  get lastInput(): Tensor | null {
    return this.input;
  }
}

/** max(αx, x), 0 ≤ α < 1. d/dx = 1 where x > 0, α elsewhere (the sub-gradient at 0 is α). */
export class LeakyReLU extends Elementwise {
  readonly alpha: number;

  constructor(alpha = 0.01) {
    super();
    this.alpha = checkNumber('LeakyReLU', 'alpha', alpha, { min: 0, max: 1, maxExclusive: true });
  }

  forward(x: Tensor): Tensor {
    const t = this.begin(x);
    const a = this.alpha;
    const xd = t.data;
    const out = allocate(t.dtype, xd.length);
    for (let i = 0; i < xd.length; i++) {
      const v = xd[i];
      out[i] = v > 0 ? v : a * v;
    }
    this.output = new Tensor(out, t.shape);
    return this.output;
  }

  backward(dout?: Tensor): Tensor {
    const { x, g } = this.gradIn(dout);
    const a = this.alpha;
    const xd = x.data;
    const gd = g.data;
    const dx = allocate(x.dtype, xd.length);
    for (let i = 0; i < xd.length; i++) dx[i] = xd[i] > 0 ? gd[i] : a * gd[i];
    return new Tensor(dx, x.shape);
  }

  /** dz = dx where x > 0, α·dx elsewhere: the same diagonal Jacobian as backward. */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    const { x, t } = this.tangentIn(dx, dparams);
    const a = this.alpha;
    const xd = x.data;
    const dz = allocate(x.dtype, xd.length);
    if (t) {
      const td = t.data;
      for (let i = 0; i < xd.length; i++) dz[i] = xd[i] > 0 ? td[i] : a * td[i];
    }
    return new Tensor(dz, x.shape);
  }

  clone(dtype?: DType): LeakyReLU {
    void dtype;
    const c = new LeakyReLU(this.alpha);
    c.training = this.training;
    return c;
  }

  toString(): string {
    return `LeakyReLU(alpha=${this.alpha})`;
  }
}

/** max(0, x): LeakyReLU with α = 0. */
export class ReLU extends LeakyReLU {
  constructor() {
    super(0);
  }

  override clone(): ReLU {
    const c = new ReLU();
    c.training = this.training;
    return c;
  }

  override toString(): string {
    return 'ReLU';
  }
}

/** σ(x) = 1 / (1 + e^(−x)); dσ/dx = σ(1 − σ), computed from the stored output. */
export class Sigmoid extends Elementwise {
  forward(x: Tensor): Tensor {
    const t = this.begin(x);
    const xd = t.data;
    const out = allocate(t.dtype, xd.length);
    for (let i = 0; i < xd.length; i++) {
      const v = xd[i];
      // Two branches keep exp() from overflowing for large |x|.
      if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        out[i] = e / (1 + e);
      }
    }
    this.output = new Tensor(out, t.shape);
    return this.output;
  }

  backward(dout?: Tensor): Tensor {
    const { out, g } = this.gradIn(dout);
    const s = out.data;
    const gd = g.data;
    const dx = allocate(out.dtype, s.length);
    for (let i = 0; i < s.length; i++) dx[i] = gd[i] * s[i] * (1 - s[i]);
    return new Tensor(dx, out.shape);
  }

  /** dz = σ(1 − σ)·dx, from the stored output. */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    const { out, t } = this.tangentIn(dx, dparams);
    const s = out.data;
    const dz = allocate(out.dtype, s.length);
    if (t) {
      const td = t.data;
      for (let i = 0; i < s.length; i++) dz[i] = td[i] * s[i] * (1 - s[i]);
    }
    return new Tensor(dz, out.shape);
  }

  clone(): Sigmoid {
    const c = new Sigmoid();
    c.training = this.training;
    return c;
  }

  toString(): string {
    return 'Sigmoid';
  }
}

/** tanh(x); d tanh/dx = 1 − tanh², computed from the stored output. */
export class TanH extends Elementwise {
  forward(x: Tensor): Tensor {
    const t = this.begin(x);
    const xd = t.data;
    const out = allocate(t.dtype, xd.length);
    for (let i = 0; i < xd.length; i++) out[i] = Math.tanh(xd[i]);
    this.output = new Tensor(out, t.shape);
    return this.output;
  }

  backward(dout?: Tensor): Tensor {
    const { out, g } = this.gradIn(dout);
    const s = out.data;
    const gd = g.data;
    const dx = allocate(out.dtype, s.length);
    for (let i = 0; i < s.length; i++) dx[i] = gd[i] * (1 - s[i] * s[i]);
    return new Tensor(dx, out.shape);
  }

  /** dz = (1 − tanh²)·dx, from the stored output. */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    const { out, t } = this.tangentIn(dx, dparams);
    const s = out.data;
    const dz = allocate(out.dtype, s.length);
    if (t) {
      const td = t.data;
      for (let i = 0; i < s.length; i++) dz[i] = td[i] * (1 - s[i] * s[i]);
    }
    return new Tensor(dz, out.shape);
  }

  clone(): TanH {
    const c = new TanH();
    c.training = this.training;
    return c;
  }

  toString(): string {
    return 'TanH';
  }
}

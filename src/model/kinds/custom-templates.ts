/**
 * Starting points for a Custom layer's code, shipped with the app (so trusted). Each is a
 * class extending `Layer` against the tensor API the code sees: `forward(x)` gets the batch
 * [N, inFeatures] and returns [N, outFeatures], stashing what backward needs on `this`;
 * `backward(dout)` returns dL/dx and ADDS into each parameter's `grad` (as the homework's
 * layers accumulate); parameters are declared in the constructor with `this.param(name, init)`.
 */
export interface CodeTemplate {
  id: string;
  label: string;
  /** Whether the layer keeps the width (elementwise) or maps in → out features. */
  sameWidth: boolean;
  code: string;
}

const SILU = `// SiLU (Swish): y = x · σ(x), entry by entry.
export default class SiLU extends Layer {
  forward(x) {
    this.x = x;
    this.s = x.sigmoid();
    return x.mul(this.s);
  }

  // dy/dx = σ(x) · (1 + x · (1 − σ(x)))
  backward(dout) {
    const { x, s } = this;
    return dout.mul(s.mul(x.mul(s.neg().add(1)).add(1)));
  }
}
`;

const ELU = `// ELU: y = x where x > 0, else α·(eˣ − 1).
const ALPHA = 1.0;

export default class ELU extends Layer {
  forward(x) {
    this.x = x;
    return x.map((v) => (v > 0 ? v : ALPHA * (Math.exp(v) - 1)));
  }

  // dy/dx = 1 where x > 0, else α·eˣ
  backward(dout) {
    return dout.zip(this.x, (g, v) => (v > 0 ? g : g * ALPHA * Math.exp(v)));
  }
}
`;

const AFFINE = `// Affine: Z = X·Wᵀ + b, with W [out, in] and b [out].
export default class Affine extends Layer {
  constructor(inFeatures, outFeatures) {
    super();
    this.w = this.param('w', randn([outFeatures, inFeatures], 0.1));
    this.b = this.param('b', zeros([outFeatures]));
  }

  forward(x) {
    this.x = x;
    return x.matmul(this.w.value.T()).add(this.b.value);
  }

  // dL/dW = doutᵀ·X, dL/db = Σₙ dout, dL/dX = dout·W (gradients accumulate)
  backward(dout) {
    this.w.grad.addInPlace(dout.T().matmul(this.x));
    this.b.grad.addInPlace(dout.sum(0));
    return dout.matmul(this.w.value);
  }
}
`;

const LINEAR_NO_BIAS = `// Linear without bias: Z = X·Wᵀ.
export default class LinearNoBias extends Layer {
  constructor(inFeatures, outFeatures) {
    super();
    this.w = this.param('w', randn([outFeatures, inFeatures], 0.1));
  }

  forward(x) {
    this.x = x;
    return x.matmul(this.w.value.T());
  }

  backward(dout) {
    this.w.grad.addInPlace(dout.T().matmul(this.x));
    return dout.matmul(this.w.value);
  }
}
`;

export const CODE_TEMPLATES: readonly CodeTemplate[] = [
  { id: 'silu', label: 'SiLU / Swish (elementwise)', sameWidth: true, code: SILU },
  { id: 'elu', label: 'ELU (elementwise)', sameWidth: true, code: ELU },
  { id: 'affine', label: 'Affine: X·Wᵀ + b', sameWidth: false, code: AFFINE },
  { id: 'linear-no-bias', label: 'Linear without bias: X·Wᵀ', sameWidth: false, code: LINEAR_NO_BIAS },
];

/** The code a new Custom node starts with. */
export const DEFAULT_CODE = SILU;

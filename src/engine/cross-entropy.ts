import { at, backwardBeforeForward, checkGrad, checkInput, checkParamTangents, checkTangent, describe, jvpBeforeForward, sameShape } from './checks';
import { Layer } from './layer';
import { allocate, Tensor, type DType } from './tensor';

/**
 * Mean cross-entropy of class scores against integer labels, computed on the scores
 * directly: ℓ(x, y) = −x_y + log Σₖ e^{x_k} (each row's max is subtracted first, so
 * logits of ±1000 stay finite). dL/dx[n] = (softmax(x[n]) − onehot(y[n])) / N.
 * Forward mode: dL = Σₙ ⟨softmax(x[n]) − onehot(y[n]), dx[n]⟩ / N, a scalar.
 */
export class CrossEntropyLoss extends Layer {
  /** softmax of the last scores and the last labels: internal buffers, reused while the batch keeps its shape. */
  private probs: Tensor | null = null;
  private labels: Int32Array | null = null;

  forward(x: Tensor, y?: ArrayLike<number>): Tensor {
    const t = checkInput(this, 'forward', x, '[N, C] (class scores)', isScores);
    const [n, c] = t.shape;
    const reuse = this.probs !== null && this.probs.dtype === t.dtype && sameShape(this.probs.shape, t.shape);
    const probs = reuse ? (this.probs as Tensor) : new Tensor(allocate(t.dtype, t.size), t.shape);
    const labelBuf = reuse ? (this.labels as Int32Array) : new Int32Array(n);
    // A failed forward leaves no half-overwritten state for backward to use.
    this.probs = null;
    this.labels = null;
    const labels = checkLabels(this, 'forward', y, n, c, labelBuf);
    const xd = t.data;
    const p = probs.data;
    let total = 0;
    for (let r = 0; r < n; r++) {
      const o = r * c;
      let max = -Infinity;
      for (let k = 0; k < c; k++) if (xd[o + k] > max) max = xd[o + k];
      let sum = 0;
      for (let k = 0; k < c; k++) {
        const e = Math.exp(xd[o + k] - max);
        p[o + k] = e;
        sum += e;
      }
      for (let k = 0; k < c; k++) p[o + k] /= sum;
      total += Math.log(sum) + max - xd[o + labels[r]];
    }
    this.probs = probs;
    this.labels = labels;
    const loss = allocate(t.dtype, 1);
    loss[0] = n === 0 ? 0 : total / n;
    return new Tensor(loss, []);
  }

  /** dL/dx for an incoming gradient `dout` (a scalar tensor; 1 when omitted). */
  backward(dout?: Tensor): Tensor {
    if (!this.probs || !this.labels) throw backwardBeforeForward(this);
    const g = dout === undefined ? 1 : scalarOf(this, dout);
    const [n, c] = this.probs.shape;
    const p = this.probs.data;
    const dx = allocate(this.probs.dtype, p.length);
    const s = n === 0 ? 0 : g / n;
    for (let r = 0; r < n; r++) {
      const o = r * c;
      for (let k = 0; k < c; k++) dx[o + k] = p[o + k] * s;
      dx[o + this.labels[r]] -= s;
    }
    return new Tensor(dx, this.probs.shape);
  }

  /** dL = Σₙ (Σₖ softmax(x[n])ₖ·dx[n, k] − dx[n, y[n]]) / N: a scalar tangent, shape []. */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    if (!this.probs || !this.labels) throw jvpBeforeForward(this);
    checkParamTangents(this, dparams, []);
    const out = allocate(this.probs.dtype, 1);
    if (dx === null || dx === undefined) return new Tensor(out, []);
    const t = checkTangent(this, 'dx', dx, this.probs.shape, "the last scores'");
    const [n, c] = this.probs.shape;
    const p = this.probs.data;
    const td = t.data;
    let total = 0;
    for (let r = 0; r < n; r++) {
      const o = r * c;
      let s = 0;
      for (let k = 0; k < c; k++) s += p[o + k] * td[o + k];
      total += s - td[o + this.labels[r]];
    }
    out[0] = n === 0 ? 0 : total / n;
    return new Tensor(out, []);
  }

  /** A copy of softmax of the last scores, [N, C]. */
  get probabilities(): Tensor | null {
    return this.probs && this.probs.clone();
  }

  /** A copy of the last labels. */
  get lastLabels(): Int32Array | null {
    return this.labels && this.labels.slice();
  }

  clone(dtype?: DType): CrossEntropyLoss {
    void dtype;
    const c = new CrossEntropyLoss();
    c.training = this.training;
    return c;
  }

  toString(): string {
    return 'CrossEntropyLoss';
  }
}

const isScores = (v: Tensor): boolean => v.shape.length === 2 && v.shape[1] >= 1;

/** The incoming gradient of a scalar loss: any tensor with one element (shape [] or [1]). */
export function scalarOf(owner: object, dout: Tensor): number {
  checkGrad(owner, 'backward', dout, dout && typeof dout === 'object' && dout.size === 1 ? dout.shape : []);
  return dout.data[0];
}

/** Labels must be N integers in [0, C); they are copied into `out` (the caller may reuse its buffer before backward). */
export function checkLabels(owner: object, method: string, y: ArrayLike<number> | undefined, n: number, c: number, out: Int32Array): Int32Array {
  const where = (): string => at(owner, method);
  if (y === undefined || y === null || typeof (y as ArrayLike<number>).length !== 'number') {
    throw new Error(`${where()}: expected labels y, ${n} integers in [0, ${c}), got ${describe(y)}`);
  }
  if (y.length !== n) throw new Error(`${where()}: expected ${n} labels (one per row of the scores), got ${y.length}`);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0 || v >= c) {
      throw new RangeError(`${where()}: expected labels to be integers in [0, ${c}), got ${describe(v)} at index ${i}`);
    }
    out[i] = v;
  }
  return out;
}

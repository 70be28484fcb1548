import { checkNumber, describe } from './checks';
import type { Param } from './layer';
import { allocate, type TensorData } from './tensor';

/**
 * Optimizers update `params()` in place from their accumulated gradients. Weight decay
 * is L2 regularisation folded into the gradient: g = dp + weightDecay·p (the homework's
 * `reg`, PyTorch's `weight_decay`).
 */
export abstract class Optimizer {
  readonly params: Param[];
  /** Number of steps taken. */
  steps = 0;
  /** The learning rate; it may change between steps (a paused run's rate lowered), the optimizer's state staying as it is. */
  abstract lr: number;

  constructor(params: Param[], where: string) {
    if (!Array.isArray(params)) throw new TypeError(`${where}: expected the list returned by layer.params(), got ${describe(params)}`);
    this.params = params;
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad.data.fill(0);
  }

  step(): void {
    this.steps++;
    this.params.forEach((p, i) => this.update(p.value.data, p.grad.data, i));
  }

  protected abstract update(value: TensorData, grad: TensorData, index: number): void;

  /** One zeroed state buffer per parameter, like the parameter. */
  protected stateLike(): TensorData[] {
    return this.params.map((p) => allocate(p.value.dtype, p.value.size));
  }
}

const nonNegative = { min: 0 };

export interface SGDOptions {
  lr: number;
  weightDecay?: number;
}

/** p ← p − lr·(dp + wd·p). */
export class SGD extends Optimizer {
  lr: number;
  readonly weightDecay: number;

  constructor(params: Param[], { lr, weightDecay = 0 }: SGDOptions) {
    super(params, 'SGD');
    this.lr = checkNumber('SGD', 'lr', lr, nonNegative);
    this.weightDecay = checkNumber('SGD', 'weightDecay', weightDecay, nonNegative);
  }

  protected update(p: TensorData, dp: TensorData): void {
    const { lr, weightDecay: wd } = this;
    for (let i = 0; i < p.length; i++) p[i] -= lr * (dp[i] + wd * p[i]);
  }
}

export interface MomentumSGDOptions extends SGDOptions {
  momentum?: number;
}

/** v ← μ·v − lr·(dp + wd·p); p ← p + v (the homework's MomentumSGD). */
export class MomentumSGD extends Optimizer {
  lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  private readonly velocity: TensorData[];

  constructor(params: Param[], { lr, momentum = 0.9, weightDecay = 0 }: MomentumSGDOptions) {
    super(params, 'MomentumSGD');
    this.lr = checkNumber('MomentumSGD', 'lr', lr, nonNegative);
    this.momentum = checkNumber('MomentumSGD', 'momentum', momentum, { min: 0, max: 1, maxExclusive: true });
    this.weightDecay = checkNumber('MomentumSGD', 'weightDecay', weightDecay, nonNegative);
    this.velocity = this.stateLike();
  }

  protected update(p: TensorData, dp: TensorData, index: number): void {
    const { lr, momentum: mu, weightDecay: wd } = this;
    const v = this.velocity[index];
    for (let i = 0; i < p.length; i++) {
      v[i] = mu * v[i] - lr * (dp[i] + wd * p[i]);
      p[i] += v[i];
    }
  }
}

export interface RMSPropOptions extends SGDOptions {
  decay?: number;
  eps?: number;
}

/** g = dp + wd·p; r ← ρ·r + (1 − ρ)·g²; p ← p − lr·g / √(r + ε) (the homework's RMSProp). */
export class RMSProp extends Optimizer {
  lr: number;
  readonly decay: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly r: TensorData[];

  constructor(params: Param[], { lr, decay = 0.99, eps = 1e-8, weightDecay = 0 }: RMSPropOptions) {
    super(params, 'RMSProp');
    this.lr = checkNumber('RMSProp', 'lr', lr, nonNegative);
    this.decay = checkNumber('RMSProp', 'decay', decay, { min: 0, max: 1, maxExclusive: true });
    this.eps = checkNumber('RMSProp', 'eps', eps, { min: 0, minExclusive: true });
    this.weightDecay = checkNumber('RMSProp', 'weightDecay', weightDecay, nonNegative);
    this.r = this.stateLike();
  }

  protected update(p: TensorData, dp: TensorData, index: number): void {
    const { lr, decay, eps, weightDecay: wd } = this;
    const r = this.r[index];
    for (let i = 0; i < p.length; i++) {
      const g = dp[i] + wd * p[i];
      r[i] = decay * r[i] + (1 - decay) * g * g;
      p[i] -= (lr * g) / Math.sqrt(r[i] + eps);
    }
  }
}

export interface AdamOptions extends SGDOptions {
  betas?: readonly [number, number];
  eps?: number;
}

/**
 * PyTorch's Adam: g = dp + wd·p; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * p ← p − lr·m̂ / (√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 */
export class Adam extends Optimizer {
  lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  private readonly m: TensorData[];
  private readonly v: TensorData[];

  constructor(params: Param[], { lr, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 }: AdamOptions) {
    super(params, 'Adam');
    this.lr = checkNumber('Adam', 'lr', lr, nonNegative);
    if (!Array.isArray(betas) || betas.length !== 2) throw new RangeError(`Adam: expected betas to be two numbers in [0, 1), got ${describe(betas)}`);
    betas.forEach((b, i) => checkNumber('Adam', `betas[${i}]`, b, { min: 0, max: 1, maxExclusive: true }));
    this.betas = [betas[0], betas[1]];
    this.eps = checkNumber('Adam', 'eps', eps, { min: 0, minExclusive: true });
    this.weightDecay = checkNumber('Adam', 'weightDecay', weightDecay, nonNegative);
    this.m = this.stateLike();
    this.v = this.stateLike();
  }

  protected update(p: TensorData, dp: TensorData, index: number): void {
    const { lr, eps, weightDecay: wd } = this;
    const [b1, b2] = this.betas;
    const c1 = 1 - b1 ** this.steps;
    const c2 = 1 - b2 ** this.steps;
    const m = this.m[index];
    const v = this.v[index];
    for (let i = 0; i < p.length; i++) {
      const g = dp[i] + wd * p[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
    }
  }
}

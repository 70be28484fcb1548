import type { Layer, Tensor } from '../../engine';

export type EstimatorKind = 'backprop' | 'forward-mode' | 'forward-gradient' | 'finite-differences' | 'spsa';

/**
 * What one estimate cost, counted while it ran (see CostMeter): each call the model's
 * Sequential containers make to a leaf layer's forward, jvp or backward counts as 1/L of
 * a pass of that kind, L being the model's number of leaf layers, so a pass of the whole
 * model counts 1.
 */
export interface EstimateCost {
  forwardPasses: number;
  jvpPasses: number;
  backwardPasses: number;
  /**
   * The passes in units of one forward pass: forward + JVP + 2 × backward (COST_WEIGHTS).
   * A JVP here pushes only tangents (the primal values come from the one forward pass
   * the estimate starts with), about a forward pass of arithmetic; a backward pass
   * computes both the input's and the parameters' gradients, about two.
   */
  forwardEquivalents: number;
  /** Wall-clock time of the whole estimate, in milliseconds. */
  ms: number;
}

export interface Estimate {
  /**
   * The loss at the current parameters (SPSA evaluates the loss only at perturbed
   * parameters: there it is the mean of those evaluations, and `exactLoss` is false).
   */
  loss: number;
  exactLoss: boolean;
  cost: EstimateCost;
}

/**
 * Estimates dL/dθ for every parameter θ of a model that ends in a loss (its forward
 * returns a scalar), on one batch, and writes the estimate into each parameter's `grad`
 * (overwriting it), so any optimizer applies it as it applies backprop's gradient.
 *
 * Within one estimate every evaluation sees the same dropout masks, and the dropout
 * generators end where one forward pass would leave them, whatever the estimator: runs
 * with different estimators draw the same masks step after step. Parameters end bitwise
 * as they were. What the layers stashed from their last forward pass is unspecified after
 * an estimate (estimators that perturb the parameters leave the last perturbed pass).
 */
export interface GradientEstimator {
  readonly kind: EstimatorKind;
  estimate(model: Layer, x: Tensor, y?: ArrayLike<number>): Estimate;
}

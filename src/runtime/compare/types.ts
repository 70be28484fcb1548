import type { EstimatorSettings } from '../../model';
import type { EstimatorKind } from '../estimators';

/** What a comparison runs: each estimator for the same budget, from the same start. */
export interface CompareOptions {
  /** The estimators, in the order they run (each kind at most once). */
  estimators: readonly EstimatorSettings[];
  /** Steps each estimator may take. */
  steps: number;
  /** Wall time each estimator may take, in ms (the estimate and the update; not the diagnostic). */
  timeBudgetMs: number;
  /** The training loss (mean over the last SMOOTHING steps) whose first crossing is reported. */
  targetLoss: number;
}

/** One step of one estimator. */
export interface ComparePoint {
  step: number;
  /** Forward-pass equivalents counted since the start (see EstimateCost). */
  cost: number;
  /** Measured wall time since the start, ms: estimates and updates only. */
  ms: number;
  /** The step's training loss (before its update), and its mean over the last SMOOTHING steps. */
  loss: number;
  smoothLoss: number;
  /**
   * cos ∠(estimate, ∇L) with ∇L from a backprop pass on the side, a diagnostic not used for
   * the update; null for backprop itself.
   */
  cosine: number | null;
}

export type TrackEnd = 'steps' | 'time' | 'diverged' | 'cancelled';

/** What one estimator did. */
export interface CompareTrack {
  kind: EstimatorKind;
  label: string;
  /** Mean per step of each kind of pass and in forward-pass equivalents, as counted. */
  perStep: { forwardPasses: number; jvpPasses: number; backwardPasses: number; forwardEquivalents: number; ms: number };
  steps: number;
  cost: number;
  ms: number;
  /** The first step whose smoothed loss was at or below the target, and the cost and time to get there. */
  reached: { step: number; cost: number; ms: number } | null;
  /** The smoothed loss at the last step. */
  finalLoss: number;
  /** Mean cosine with ∇L over the run (null for backprop). */
  meanCosine: number | null;
  end: TrackEnd | null;
}

export interface CompareProgress {
  /** Index into the options' estimators of the track these points belong to. */
  index: number;
  /** New points since the previous message for this track. */
  points: ComparePoint[];
  track: CompareTrack;
  /** Set on the last message of the comparison. */
  done?: boolean;
}

export interface CompareResult {
  /** The model's number of parameters. */
  params: number;
  batchSize: number;
  targetLoss: number;
  tracks: CompareTrack[];
  cancelled: boolean;
}

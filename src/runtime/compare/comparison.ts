import type { Sequential } from '../../engine';
import { EstimatorSchema, type OptimizerSettings } from '../../model';
import { yieldToEvents } from '../scheduler';
import type { BatchSource } from './batches';
import { EstimatorTrack } from './track';
import type { CompareOptions, ComparePoint, CompareProgress, CompareResult } from './types';

/** Progress messages at most this often (points arrive in batches). */
export const COMPARE_PROGRESS_MS = 100;
/** Work between two yields to the event loop, so Stop (and any other call) is answered quickly. */
const SLICE_MS = 25;
export const MAX_COMPARE_STEPS = 100_000;
export const MAX_TIME_BUDGET_MS = 10 * 60_000;

export interface CompareSetup {
  /** The model at its initial weights: every estimator trains its own copy. */
  initial: Sequential;
  optimizer: OptimizerSettings;
  /** A fresh batch sequence, the same for every call. */
  batches: () => BatchSource;
  seed: number;
}

/** Why options cannot run, in words naming the field; null when they can. */
export function compareOptionsError(o: CompareOptions): string | null {
  if (!Array.isArray(o.estimators) || o.estimators.length === 0) return 'Choose at least one estimator to compare.';
  const kinds = new Set<string>();
  for (const [i, e] of o.estimators.entries()) {
    const r = EstimatorSchema.safeParse(e);
    if (!r.success) return `Estimator ${i + 1} is not valid: ${r.error.issues[0]?.message ?? 'unknown problem'}.`;
    if (kinds.has(r.data.kind)) return `The estimator '${r.data.kind}' is listed twice.`;
    kinds.add(r.data.kind);
  }
  if (!Number.isInteger(o.steps) || o.steps < 1 || o.steps > MAX_COMPARE_STEPS) return `Steps must be a whole number from 1 to ${MAX_COMPARE_STEPS}, got ${o.steps}.`;
  if (!(o.timeBudgetMs > 0 && o.timeBudgetMs <= MAX_TIME_BUDGET_MS)) return `The time budget must be more than 0 and at most ${MAX_TIME_BUDGET_MS / 1000} s, got ${o.timeBudgetMs / 1000} s.`;
  if (!(Number.isFinite(o.targetLoss) && o.targetLoss >= 0)) return `The target loss must be a number of 0 or more, got ${o.targetLoss}.`;
  return null;
}

/**
 * Trains the same model with each estimator in turn — the same initial weights, the same
 * batches, the same optimizer, the same dropout masks — each for the same budget of steps
 * (cut short by the time budget or a divergence), and reports every step's loss, cost,
 * time and cosine with the true gradient.
 */
export class Comparison {
  private cancelled = false;

  cancel(): void {
    this.cancelled = true;
  }

  async run(setup: CompareSetup, options: CompareOptions, onProgress: (p: CompareProgress) => void): Promise<CompareResult> {
    const problem = compareOptionsError(options);
    if (problem) throw new Error(problem);
    const params = setup.initial.params().reduce((s, p) => s + p.value.size, 0);
    const tracks: CompareResult['tracks'] = [];
    let batchSize = 0;
    for (const [index, settings] of options.estimators.entries()) {
      const batches = setup.batches();
      const first = batches();
      batchSize = first.x.shape[0];
      let replayed = false;
      // The first batch was drawn to learn its size; the track takes it first.
      const source: BatchSource = () => (replayed ? batches() : ((replayed = true), first));
      const track = new EstimatorTrack(setup.initial.clone(), EstimatorSchema.parse(settings), setup.optimizer, setup.seed, source, options.targetLoss);
      tracks.push(track.track);
      let points: ComparePoint[] = [];
      let lastEmit = performance.now();
      let sliceStart = performance.now();
      const emit = (done?: boolean) => {
        onProgress({ index, points, track: { ...track.track }, ...(done ? { done } : {}) });
        points = [];
        lastEmit = performance.now();
      };
      while (!track.track.end) {
        if (this.cancelled) track.finish('cancelled');
        else if (track.track.steps >= options.steps) track.finish('steps');
        else if (track.track.ms >= options.timeBudgetMs) track.finish('time');
        else {
          const p = track.step();
          if (p) points.push(p);
        }
        const now = performance.now();
        if (now - lastEmit >= COMPARE_PROGRESS_MS) emit();
        if (now - sliceStart >= SLICE_MS) {
          await yieldToEvents();
          sliceStart = performance.now();
        }
      }
      const last = this.cancelled || index === options.estimators.length - 1;
      emit(last);
      if (this.cancelled) break;
    }
    return { params, batchSize, targetLoss: options.targetLoss, tracks, cancelled: this.cancelled };
  }
}

/**
 * Watches a run's loss, step by step, for the signs of a run that has come apart: a loss
 * that is no longer a number, or one that has grown by orders of magnitude over the
 * lowest it reached. Knows nothing of models or optimizers (every optimizer is watched
 * the same way), so the same condition can stop a run or pause it at a breakpoint.
 */

/** A loss this many times its lowest is taken for a divergence. */
export const DIVERGENCE_FACTOR = 1000;
/**
 * The lowest loss counts as at least this fraction of the first: a run that fits its data
 * almost perfectly (a lowest of 1e-7) may still see a batch at 1e-3, which is noise, not
 * a divergence. With it, a run must climb to ten times where it started before it is stopped.
 */
export const LOWEST_FLOOR_OF_FIRST = 0.01;

/** Per layer (by id), the norm of its parameters' gradient on one step. */
export type GradientNorms = ReadonlyMap<string, number>;

export interface Divergence {
  /** The step the loss was computed on. */
  step: number;
  loss: number;
  /** 'non-finite': the loss is NaN or infinite; 'grew': it passed `factor` times the lowest. */
  kind: 'non-finite' | 'grew';
  lowest: number;
  lowestStep: number;
  factor: number;
  /** The layer whose gradient norm grew most since the lowest step, when the gradients tell. */
  grewMost: { id: string; from: number; to: number; ratio: number } | null;
}

export interface DivergenceOptions {
  factor?: number;
}

export class DivergenceDetector {
  readonly factor: number;
  private first: number | null = null;
  private lowest = Infinity;
  private lowestStep = -1;
  /** Gradient norms on the lowest step: what "grew" is measured against. */
  private baseline: GradientNorms | null = null;

  constructor(options: DivergenceOptions = {}) {
    this.factor = options.factor ?? DIVERGENCE_FACTOR;
  }

  /** The loss above which a step diverges (Infinity before the first finite loss). */
  get threshold(): number {
    if (this.first === null) return Infinity;
    return this.factor * Math.max(this.lowest, Math.abs(this.first) * LOWEST_FLOOR_OF_FIRST);
  }

  /**
   * One step's loss. `gradients` gives the step's gradient norms per layer; it is called
   * only when they are needed (a new lowest, or a divergence), so watching costs little.
   * Returns the divergence, or null when the run is fine.
   */
  observe(step: number, loss: number, gradients?: () => GradientNorms): Divergence | null {
    if (!Number.isFinite(loss)) return this.verdict(step, loss, 'non-finite', gradients);
    if (loss > this.threshold) return this.verdict(step, loss, 'grew', gradients);
    if (this.first === null) this.first = loss;
    if (loss < this.lowest || this.lowestStep < 0) {
      this.lowest = loss;
      this.lowestStep = step;
      this.baseline = gradients ? gradients() : null;
    }
    return null;
  }

  reset(): void {
    this.first = null;
    this.lowest = Infinity;
    this.lowestStep = -1;
    this.baseline = null;
  }

  private verdict(step: number, loss: number, kind: Divergence['kind'], gradients?: () => GradientNorms): Divergence {
    return {
      step,
      loss,
      kind,
      lowest: this.lowest,
      lowestStep: this.lowestStep,
      factor: this.factor,
      grewMost: this.baseline && gradients ? grewMost(this.baseline, gradients()) : null,
    };
  }
}

/** The layer whose gradient norm grew by the largest factor (a non-finite norm grew most of all); null if none grew. */
export function grewMost(before: GradientNorms, after: GradientNorms): Divergence['grewMost'] {
  let best: Divergence['grewMost'] = null;
  for (const [id, to] of after) {
    const from = before.get(id);
    if (from === undefined) continue;
    const ratio = !Number.isFinite(to) ? Infinity : from > 0 ? to / from : to > 0 ? Infinity : 1;
    if (ratio > 1 && (!best || ratio > best.ratio)) best = { id, from, to, ratio };
  }
  return best;
}

/** A loss or a norm in a message: 4 significant digits, powers of ten when large or tiny. */
export function formatMagnitude(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/**
 * The divergence in a sentence or three: the step, the loss and how it compares with the
 * lowest, the layer whose gradient grew most (named by `name`), and what to do.
 * `nonFiniteAt` says where the first non-finite values appeared, when the loss is not a number.
 */
export function describeDivergence(d: Divergence, name: (id: string) => string, nonFiniteAt?: string): string {
  const parts: string[] = [];
  if (d.kind === 'non-finite') {
    parts.push(`Training diverged at step ${d.step}: the loss became ${d.loss}.`);
    if (nonFiniteAt) parts.push(nonFiniteAt);
  } else {
    parts.push(
      `Training diverged at step ${d.step}: the loss reached ${formatMagnitude(d.loss)}, over ${d.factor.toLocaleString('en-US')} times its lowest (${formatMagnitude(d.lowest)} at step ${d.lowestStep}).`,
    );
  }
  const g = d.grewMost;
  if (g) {
    const by = Number.isFinite(g.ratio) ? ` (${formatMagnitude(g.ratio)} times)` : '';
    parts.push(`The gradient of ${name(g.id)} grew most since step ${d.lowestStep}: its norm went from ${formatMagnitude(g.from)} to ${formatMagnitude(g.to)}${by}.`);
  }
  parts.push('Lower the learning rate and Resume, or press Reset weights.');
  return parts.join(' ');
}

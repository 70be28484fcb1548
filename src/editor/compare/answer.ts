import type { CompareTrack } from '../../runtime';

/**
 * "Is backprop required?" answered from one comparison's measurements: which estimators
 * reached the target loss, what a step of each cost for this model, and how well the
 * estimates pointed. Every number comes from the run.
 */
export interface AnswerRow {
  kind: CompareTrack['kind'];
  label: string;
  /** Forward-pass equivalents per step, as counted, and as a multiple of backprop's (null without backprop). */
  perStep: number;
  timesBackprop: number | null;
  msPerStep: number;
  steps: number;
  reached: CompareTrack['reached'];
  finalLoss: number;
  meanCosine: number | null;
  end: CompareTrack['end'];
}

export interface Answer {
  headline: string;
  facts: string[];
  rows: AnswerRow[];
}

const N = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const count = (v: number): string => (v >= 100 || Number.isInteger(v) ? N.format(v) : v.toFixed(v < 10 ? 2 : 1));
export const formatCount = count;
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${ms.toFixed(ms >= 10 ? 0 : 1)} ms`;
}

function list(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function answerOf(tracks: readonly CompareTrack[], params: number, targetLoss: number): Answer {
  const bp = tracks.find((t) => t.kind === 'backprop' && t.steps > 0);
  const rows: AnswerRow[] = tracks.map((t) => ({
    kind: t.kind,
    label: t.label,
    perStep: t.perStep.forwardEquivalents,
    timesBackprop: bp && t.steps > 0 ? t.perStep.forwardEquivalents / bp.perStep.forwardEquivalents : null,
    msPerStep: t.perStep.ms,
    steps: t.steps,
    reached: t.reached,
    finalLoss: t.finalLoss,
    meanCosine: t.meanCosine,
    end: t.end,
  }));
  const others = tracks.filter((t) => t.kind !== 'backprop' && t.steps > 0);
  const without = others.filter((t) => t.reached);
  const target = `the target loss ${targetLoss}`;
  let headline: string;
  if (without.length) {
    headline = `No. ${list(without.map((t) => t.label))} reached ${target} without backpropagation.`;
  } else if (others.length) {
    headline = bp?.reached
      ? `Not in principle, but in practice here: only backpropagation reached ${target} within the budget.`
      : `No estimator reached ${target} within the budget; none of the runs settles the question.`;
  } else {
    headline = 'Compare backpropagation with an estimator that does without it to answer from measurements.';
  }

  const facts: string[] = [];
  const costs = tracks.filter((t) => t.steps > 0).map((t) => `${t.label} ${count(t.perStep.forwardEquivalents)}`);
  if (costs.length) facts.push(`One step for this model’s ${N.format(params)} parameters costs, in forward-pass equivalents (counted): ${costs.join('; ')}.`);
  if (bp?.reached) {
    const faster = without.map((t) => `${t.label} ${count(t.reached!.cost / bp.reached!.cost)}× the passes and ${count(t.reached!.ms / bp.reached!.ms)}× the time`);
    facts.push(
      `Backpropagation reached the target in ${N.format(bp.reached.step)} steps (${count(bp.reached.cost)} forward-pass equivalents, ${formatMs(bp.reached.ms)})${faster.length ? `; ${faster.join('; ')}` : ''}.`,
    );
  }
  const noisy = others.filter((t) => t.meanCosine !== null && t.meanCosine < 0.99);
  if (noisy.length) {
    facts.push(
      `${list(noisy.map((t) => `${t.label} (mean cosine ${t.meanCosine!.toFixed(2)})`))} pointed only partly along the true gradient: cheap steps, but each makes less progress.`,
    );
  }
  facts.push('Descent needs a downhill direction; backpropagation is the cheapest exact way to get one, not the only way.');
  return { headline, facts, rows };
}

import type { BreakpointHit } from '../../model';
import type { TrainProgress } from '../../runtime';

/**
 * The breakpoint a view of the run shows: the one a progress message reports, kept while
 * the run stays paused at it (later messages of the pause need not repeat it), gone as
 * soon as the run moves on.
 */
export function breakpointOf(p: Pick<TrainProgress, 'state' | 'breakpoint'>, shown: BreakpointHit | null | undefined): BreakpointHit | null {
  if (p.state !== 'paused') return null;
  return p.breakpoint ?? shown ?? null;
}

/** Whether `next` is a hit the page has not announced yet (each hit is announced once: a toast, the culprit selected). */
export function isNewHit(next: BreakpointHit | null, shown: BreakpointHit | null | undefined): next is BreakpointHit {
  return !!next && !(shown && shown.step === next.step && shown.condition === next.condition && shown.message === next.message);
}

/** The toast's text: which condition paused the run, and its numbers. */
export function hitText(hit: BreakpointHit): string {
  const more = hit.also.length ? ` (${hit.also.length === 1 ? 'another condition' : `${hit.also.length} other conditions`} began to hold too)` : '';
  return `Paused at a breakpoint — ${hit.label}: ${hit.message}${more}`;
}

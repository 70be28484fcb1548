import { controlStates, type ControlState, type Lesson, type LessonControl } from '../../model';
import type { ModelDocument } from '../../model';

/**
 * A lesson on show. `link`: opened from a link or an embed, for a learner — the lesson
 * cannot be left or edited from inside the app, so its locks hold. `preview`: the author's
 * own look at it (or a built-in lesson opened from the menu), which Exit ends.
 */
export interface Presenting {
  readonly lesson: Lesson;
  readonly index: number;
  readonly mode: 'link' | 'preview';
  /** The document as the lesson started: "Reset to this step" brings it back (with its weights). */
  readonly start: ModelDocument;
  /** Bumped on every visit of a step (the same step again included), so its actions run again. */
  readonly visit: number;
  /** The built-in example on show in place of the lesson's model (a step's `example`), or null: the lesson's own. */
  readonly shown: string | null;
}

export function startPresenting(lesson: Lesson, start: ModelDocument, mode: Presenting['mode'], index = 0): Presenting {
  return { lesson, start, mode, index: clampStep(lesson, index), visit: 1, shown: null };
}

export function clampStep(lesson: Lesson, index: number): number {
  return Math.max(0, Math.min(Number.isFinite(index) ? Math.trunc(index) : 0, lesson.steps.length - 1));
}

/** The presenting state at step `index` (clamped); the same object when nothing would change. */
export function goToStep(p: Presenting, index: number): Presenting {
  const next = clampStep(p.lesson, index);
  return next === p.index ? p : { ...p, index: next, visit: p.visit + 1 };
}

/** What a control is while `p` is on show: shown when no lesson is. */
export function controlState(p: Presenting | null, control: LessonControl): ControlState {
  return p ? controlStates(p.lesson, p.index)[control] : 'show';
}

const EMPTY: ReadonlySet<string> = new Set();
const highlightCache = new WeakMap<Presenting, { nodes: ReadonlySet<string>; edges: ReadonlySet<string> }>();

/** The nodes and edges the current step draws out. */
export function highlighted(p: Presenting | null): { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } {
  if (!p) return { nodes: EMPTY, edges: EMPTY };
  let h = highlightCache.get(p);
  if (!h) {
    const step = p.lesson.steps[p.index];
    h = { nodes: new Set(step?.highlight?.nodes ?? []), edges: new Set(step?.highlight?.edges ?? []) };
    highlightCache.set(p, h);
  }
  return h;
}

/** The hash parameters that ask for presenting: `present` (any value but `0`/`false`). */
export function presentRequested(hash: string): boolean {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('present')) return false;
  const v = params.get('present');
  return v !== '0' && v !== 'false';
}

/** The built-in example a hash names (`#example=<file>`), or null. */
export function exampleFromHash(hash: string): string | null {
  const v = new URLSearchParams(hash.replace(/^#/, '')).get('example');
  return v ? v : null;
}

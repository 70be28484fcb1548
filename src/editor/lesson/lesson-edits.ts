import { MAX_LESSON_STEPS, type Lesson, type LessonStep } from '../../model';

/**
 * Pure edits of a lesson, each returning a new lesson (or the same one when nothing
 * changes); the editor store makes each one undo step.
 */

export function newLesson(title = 'Untitled lesson'): Lesson {
  return { title, steps: [newStep(1)] };
}

export function newStep(n: number): LessonStep {
  return { title: `Step ${n}`, text: '' };
}

/** Adds a step after `after` (at the end by default); refused past MAX_LESSON_STEPS. */
export function addStep(lesson: Lesson, after = lesson.steps.length - 1): Lesson {
  if (lesson.steps.length >= MAX_LESSON_STEPS) return lesson;
  const steps = lesson.steps.slice();
  steps.splice(after + 1, 0, newStep(lesson.steps.length + 1));
  return { ...lesson, steps };
}

/** Replaces step `index` with `patch` applied; a field set to undefined is removed. */
export function updateStep(lesson: Lesson, index: number, patch: Partial<LessonStep>): Lesson {
  const old = lesson.steps[index];
  if (!old) return lesson;
  const next: Record<string, unknown> = { ...old };
  let changed = false;
  for (const [k, v] of Object.entries(patch)) {
    if (JSON.stringify(next[k]) === JSON.stringify(v)) continue;
    changed = true;
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  if (!changed) return lesson;
  const steps = lesson.steps.slice();
  steps[index] = next as LessonStep;
  return { ...lesson, steps };
}

/** Moves step `from` to position `to`. */
export function moveStep(lesson: Lesson, from: number, to: number): Lesson {
  if (from === to || !lesson.steps[from] || to < 0 || to >= lesson.steps.length) return lesson;
  const steps = lesson.steps.slice();
  const [s] = steps.splice(from, 1);
  steps.splice(to, 0, s);
  return { ...lesson, steps };
}

/** Removes step `index`; the last step stays (a lesson has at least one; remove the lesson instead). */
export function deleteStep(lesson: Lesson, index: number): Lesson {
  if (lesson.steps.length <= 1 || !lesson.steps[index]) return lesson;
  return { ...lesson, steps: lesson.steps.filter((_, i) => i !== index) };
}

export function setLessonTitle(lesson: Lesson, title: string): Lesson {
  return lesson.title === title ? lesson : { ...lesson, title };
}

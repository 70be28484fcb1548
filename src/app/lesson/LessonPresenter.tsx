import { useEffect, useId, useMemo } from 'react';
import { resetStep, showStep, stopPresenting, type LessonStores } from '../../editor/lesson';
import { useOptionalRunStore } from '../../editor/run/use-run';
import { useScreen, useScreenStore } from '../../editor/screen/use-screen';
import { useEditorStore } from '../../editor/use-editor';
import { LessonText } from './LessonText';
import './lesson.css';

/** Keys typed into a field, a menu or a tab list are theirs, not the lesson's. */
function ownsArrows(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return !!target.closest('input, textarea, select, [contenteditable="true"], [role="tablist"], [role="menu"], [role="slider"], .react-flow__node, dialog');
}

/**
 * The lesson on show, over the canvas: where the learner is (step k of n, a progress bar),
 * what the step says, Back and Next (← and →), and "Reset to this step", which brings the
 * model back as the lesson started and does the step again. An author's preview also has
 * Exit (Esc); a learner's link has none, so the controls the lesson locks stay locked.
 */
export function LessonPresenter() {
  const p = useScreen((s) => s.presenting);
  const editor = useEditorStore();
  const screen = useScreenStore();
  const run = useOptionalRunStore();
  const stores: LessonStores = useMemo(() => ({ editor, screen, run: run ?? undefined }), [editor, screen, run]);
  const id = useId();

  useEffect(() => {
    if (!p) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || ownsArrows(e.target)) return;
      const now = screen.getState().presenting;
      if (!now) return;
      if (e.key === 'ArrowRight') showStep(stores, now.index + 1);
      else if (e.key === 'ArrowLeft') showStep(stores, now.index - 1);
      else if (e.key === 'Escape' && now.mode === 'preview' && !screen.getState().dialog) stopPresenting(stores);
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [p, screen, stores]);

  if (!p) return null;
  const step = p.lesson.steps[p.index];
  const n = p.lesson.steps.length;
  const last = p.index === n - 1;
  return (
    <section className="bp-lesson" aria-labelledby={`${id}-title`} data-testid="lesson-presenter" data-step={p.index + 1}>
      <header className="bp-lesson__head">
        <span className="bp-lesson__kicker">Lesson · {p.lesson.title}</span>
        {p.mode === 'preview' && (
          <button type="button" className="bp-button bp-button--ghost bp-button--small" onClick={() => stopPresenting(stores)} title="Leave the lesson (Esc)">
            Exit
          </button>
        )}
      </header>
      <div
        className="bp-lesson__progress"
        role="progressbar"
        aria-label="Lesson progress"
        aria-valuemin={1}
        aria-valuemax={n}
        aria-valuenow={p.index + 1}
        aria-valuetext={`Step ${p.index + 1} of ${n}`}
      >
        <div className="bp-lesson__bar" style={{ width: `${((p.index + 1) / n) * 100}%` }} />
      </div>
      <p className="bp-lesson__count" aria-live="polite">
        Step {p.index + 1} of {n}
      </p>
      <h2 className="bp-lesson__title" id={`${id}-title`}>
        {step.title}
      </h2>
      <div className="bp-lesson__body">
        <LessonText text={step.text} />
      </div>
      <footer className="bp-lesson__nav">
        <button type="button" className="bp-button bp-button--small" disabled={p.index === 0} onClick={() => showStep(stores, p.index - 1)} title="Previous step (←)">
          ← Back
        </button>
        <button type="button" className="bp-button bp-button--ghost bp-button--small" onClick={() => resetStep(stores)} title="Bring the model back as this step starts">
          Reset to this step
        </button>
        <button type="button" className="bp-button bp-button--primary bp-button--small" disabled={last} onClick={() => showStep(stores, p.index + 1)} title="Next step (→)">
          Next →
        </button>
      </footer>
    </section>
  );
}

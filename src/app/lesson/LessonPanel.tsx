import { useMemo, useState } from 'react';
import { addStep, deleteStep, moveStep, newLesson, present, setLessonTitle } from '../../editor/lesson';
import { useOptionalRunStore } from '../../editor/run/use-run';
import { useScreen, useScreenStore } from '../../editor/screen/use-screen';
import { useEditor, useEditorStore } from '../../editor/use-editor';
import { MAX_LESSON_STEPS, MAX_LESSON_TITLE, type Lesson } from '../../model';
import { CommitField } from '../fields';
import { ControlsTable } from './ControlsTable';
import { copyLessonLink } from './lesson-link';
import { StepEditor } from './StepEditor';
import './lesson.css';

/**
 * Authoring a lesson: its title, its steps (add, select, reorder, delete), the selected
 * step's text and actions, and the controls it shows, hides or locks; Preview presents it
 * from the selected step, and the link opens it for a learner. Every change is one undo step.
 */
export function LessonPanel() {
  const editor = useEditorStore();
  const screen = useScreenStore();
  const run = useOptionalRunStore();
  const lesson = useEditor((s) => s.doc.lesson);
  const presenting = useScreen((s) => s.presenting !== null);
  const [selected, setSelected] = useState(0);
  const stores = useMemo(() => ({ editor, screen, run: run ?? undefined }), [editor, screen, run]);
  const set = (l: Lesson | undefined) => editor.getState().setLesson(l);

  if (!lesson) {
    return (
      <div className="bp-lesson-panel">
        <h2 className="bp-panel-title">Lesson</h2>
        <p className="bp-lesson-panel__intro">
          A lesson walks a learner through this model step by step: what each step says, which nodes it points at, which panel it opens, the pass it runs, and which
          controls stay in reach. It is saved in the model and travels with its link.
        </p>
        <button type="button" className="bp-button bp-button--primary" onClick={() => set(newLesson())}>
          Create a lesson
        </button>
      </div>
    );
  }

  const index = Math.min(selected, lesson.steps.length - 1);
  const n = lesson.steps.length;
  return (
    <div className="bp-lesson-panel">
      <h2 className="bp-panel-title">Lesson</h2>
      <CommitField
        label="Title"
        name="lesson-title"
        value={lesson.title}
        maxLength={MAX_LESSON_TITLE}
        validate={(t) => (t.trim() ? null : 'A lesson needs a title.')}
        commit={(t) => set(setLessonTitle(lesson, t.trim()))}
      />
      <div className="bp-lesson-panel__actions">
        <button type="button" className="bp-button bp-button--primary bp-button--small" disabled={presenting} onClick={() => present(stores, lesson, 'preview', index)}>
          Preview from step {index + 1}
        </button>
        <button type="button" className="bp-button bp-button--small" onClick={() => void copyLessonLink({ editor, screen }, 'link')}>
          Copy lesson link
        </button>
        <button type="button" className="bp-button bp-button--small" onClick={() => void copyLessonLink({ editor, screen }, 'embed')}>
          Copy embed code
        </button>
      </div>

      <h3 className="bp-lesson-panel__heading">
        Steps <span className="bp-lesson-panel__count">{n} of at most {MAX_LESSON_STEPS}</span>
      </h3>
      <ol className="bp-lesson-steps" aria-label="Steps">
        {lesson.steps.map((step, i) => (
          <li key={i} className={`bp-lesson-steps__item${i === index ? ' is-selected' : ''}`}>
            <button type="button" className="bp-lesson-steps__pick" aria-current={i === index ? 'step' : undefined} onClick={() => setSelected(i)}>
              <span className="bp-lesson-steps__n">{i + 1}.</span> {step.title}
            </button>
            <button type="button" className="bp-icon-button" aria-label={`Move step ${i + 1} up`} title="Move up" disabled={i === 0} onClick={() => (set(moveStep(lesson, i, i - 1)), setSelected(i - 1))}>
              ↑
            </button>
            <button type="button" className="bp-icon-button" aria-label={`Move step ${i + 1} down`} title="Move down" disabled={i === n - 1} onClick={() => (set(moveStep(lesson, i, i + 1)), setSelected(i + 1))}>
              ↓
            </button>
            <button type="button" className="bp-icon-button" aria-label={`Delete step ${i + 1}`} title="Delete" disabled={n === 1} onClick={() => set(deleteStep(lesson, i))}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="bp-button bp-button--small" disabled={n >= MAX_LESSON_STEPS} onClick={() => (set(addStep(lesson, index)), setSelected(index + 1))}>
        Add a step after step {index + 1}
      </button>

      <StepEditor key={index} lesson={lesson} index={index} onChange={set} />

      <details className="bp-lesson-panel__section">
        <summary>Controls for the whole lesson</summary>
        <ControlsTable controls={lesson.controls} inherit="shown" onChange={(controls) => set(controls ? { ...lesson, controls } : withoutControls(lesson))} />
      </details>
      <button type="button" className="bp-button bp-button--danger-ghost bp-button--small" onClick={() => set(undefined)}>
        Remove the lesson
      </button>
    </div>
  );
}

function withoutControls(lesson: Lesson): Lesson {
  const { controls: _c, ...rest } = lesson;
  void _c;
  return rest;
}

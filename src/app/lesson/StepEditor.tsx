import { useId, useState } from 'react';
import { updateStep } from '../../editor/lesson';
import { useEditor, useEditorStore } from '../../editor/use-editor';
import {
  BOTTOM_HEIGHT,
  BOTTOM_PANELS,
  disallowedLinks,
  LESSON_SPEEDS,
  MAX_STEP_POSITION,
  MAX_STEP_TEXT,
  MAX_STEP_TITLE,
  SIDE_PANELS,
  type Lesson,
  type LessonRun,
  type LessonStep,
} from '../../model';
import { CommitField } from '../fields';
import { ControlsTable } from './ControlsTable';
import { LessonText } from './LessonText';
import { useExampleIndex } from '../use-examples';

const SIDE_LABELS: Record<(typeof SIDE_PANELS)[number], string> = { inspector: 'Inspector', training: 'Training', lesson: 'Lesson' };
const BOTTOM_LABELS: Record<(typeof BOTTOM_PANELS)[number], string> = {
  messages: 'Messages',
  backprop: 'Backprop',
  gradcheck: 'Gradient check',
  gradnorms: 'Gradient norms',
  curves: 'Curves',
};

/** The selected step: its title and text (with how it reads), and what it does when shown. */
export function StepEditor({ lesson, index, onChange }: { lesson: Lesson; index: number; onChange(l: Lesson): void }) {
  const step = lesson.steps[index];
  const id = useId();
  const editor = useEditorStore();
  const selection = useEditor((s) => s.selection);
  const { examples } = useExampleIndex();
  // A lesson can show another built-in model (not another lesson); a file the index no longer lists stays choosable, named as it is.
  const models = (examples ?? []).filter((ex) => !ex.lesson);
  if (step.example && !models.some((ex) => ex.file === step.example)) models.push({ file: step.example, name: step.example, description: '' });
  const [draft, setDraft] = useState(step.text);
  const [shownText, setShownText] = useState(step.text);
  // Undo or another edit replaces the draft.
  if (step.text !== shownText) {
    setShownText(step.text);
    setDraft(step.text);
  }
  const patch = (p: Partial<LessonStep>) => onChange(updateStep(lesson, index, p));
  // The document's reader refuses such links, so the editor never stores one.
  const badLinks = disallowedLinks(draft);
  const textError = badLinks.length ? `Links may only go to http:// or https:// addresses, not ${badLinks.map((h) => JSON.stringify(h.slice(0, 40))).join(', ')}. The text is kept unsaved until then.` : null;
  const hl = step.highlight;
  const runKind = step.run?.kind ?? '';

  return (
    <section className="bp-lesson-step" aria-label={`Step ${index + 1}`}>
      <h3 className="bp-lesson-panel__heading">Step {index + 1}</h3>
      <CommitField
        label="Step title"
        name="step-title"
        value={step.title}
        maxLength={MAX_STEP_TITLE}
        validate={(t) => (t.trim() ? null : 'A step needs a title.')}
        commit={(t) => patch({ title: t.trim() })}
      />
      <div className="bp-field">
        <label htmlFor={`${id}-text`}>Text</label>
        <textarea
          id={`${id}-text`}
          className="bp-lesson-step__text"
          rows={7}
          value={draft}
          maxLength={MAX_STEP_TEXT}
          aria-describedby={`${id}-text-hint${textError ? ` ${id}-text-err` : ''}`}
          aria-invalid={textError ? true : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => draft !== step.text && !textError && patch({ text: draft })}
        />
        <span className="bp-field__hint" id={`${id}-text-hint`}>
          {draft.length} / {MAX_STEP_TEXT}. **bold**, *italic*, `code`, - lists, [links](https://…); maths in Unicode (∂L/∂x = gᵀJ).
        </span>
        {textError && (
          <span className="bp-field__error" id={`${id}-text-err`}>
            {textError}
          </span>
        )}
      </div>
      {draft.trim() && (
        <div className="bp-lesson-step__preview" aria-label="How the text reads">
          <LessonText text={draft} />
        </div>
      )}

      <div className="bp-field">
        <span className="bp-lesson-step__label">Highlights</span>
        <p className="bp-field__hint">
          {hl && (hl.nodes.length || hl.edges.length) ? [hl.nodes.length ? `Nodes: ${hl.nodes.join(', ')}` : '', hl.edges.length ? `Edges: ${hl.edges.join(', ')}` : ''].filter(Boolean).join('; ') : 'None.'}
        </p>
        <div className="bp-lesson-panel__actions">
          <button
            type="button"
            className="bp-button bp-button--small"
            disabled={!selection.nodes.length && !selection.edges.length}
            onClick={() => patch({ highlight: { nodes: [...selection.nodes].slice(0, 64), edges: [...selection.edges].slice(0, 64) } })}
          >
            Use the canvas selection
          </button>
          <button type="button" className="bp-button bp-button--ghost bp-button--small" disabled={!hl} onClick={() => patch({ highlight: undefined })}>
            Clear
          </button>
        </div>
      </div>

      <div className="bp-lesson-step__grid">
        <div className="bp-field">
          <label htmlFor={`${id}-side`}>Side panel</label>
          <select id={`${id}-side`} value={step.open?.side ?? ''} onChange={(e) => patch({ open: openWith(step, 'side', e.target.value as (typeof SIDE_PANELS)[number] | '') })}>
            <option value="">as it is</option>
            {SIDE_PANELS.map((k) => (
              <option key={k} value={k}>
                {SIDE_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="bp-field">
          <label htmlFor={`${id}-bottom`}>Bottom panel</label>
          <select id={`${id}-bottom`} value={step.open?.bottom ?? ''} onChange={(e) => patch({ open: openWith(step, 'bottom', e.target.value as (typeof BOTTOM_PANELS)[number] | '') })}>
            <option value="">as it is</option>
            {BOTTOM_PANELS.map((k) => (
              <option key={k} value={k}>
                {BOTTOM_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <CommitField
          label="Bottom panel height (px)"
          name="bottom-height"
          inputMode="numeric"
          placeholder="as it is"
          value={step.open?.bottom_height === undefined ? '' : String(step.open.bottom_height)}
          validate={(t) => (t.trim() === '' || (/^\d+$/.test(t.trim()) && +t >= BOTTOM_HEIGHT.min && +t <= BOTTOM_HEIGHT.max) ? null : `Empty, or a whole number from ${BOTTOM_HEIGHT.min} to ${BOTTOM_HEIGHT.max}.`)}
          commit={(t) => patch({ open: openWith(step, 'bottom_height', t.trim() === '' ? undefined : Number(t)) })}
        />
        <div className="bp-field">
          <label htmlFor={`${id}-example`}>Model shown</label>
          <select id={`${id}-example`} value={step.example ?? ''} onChange={(e) => patch({ example: e.target.value || undefined })}>
            <option value="">the lesson's own</option>
            {models.map((ex) => (
              <option key={ex.file} value={ex.file}>
                {ex.name}
              </option>
            ))}
          </select>
        </div>
        <div className="bp-field">
          <label htmlFor={`${id}-run`}>Runs</label>
          <select id={`${id}-run`} value={runKind} onChange={(e) => patch({ run: runOf(e.target.value, step.run) })}>
            <option value="">nothing</option>
            <option value="forward">a forward pass</option>
            <option value="backward">forward and backward</option>
            <option value="stepped">a stepped pass, to…</option>
            <option value="train">training, from the model's opening weights</option>
          </select>
        </div>
        {step.run?.kind === 'stepped' && (
          <CommitField
            label="Steps in"
            name="step-position"
            inputMode="numeric"
            value={String(step.run.to)}
            validate={(t) => (/^\d+$/.test(t.trim()) && +t >= 1 && +t <= MAX_STEP_POSITION ? null : `A whole number from 1 to ${MAX_STEP_POSITION}.`)}
            commit={(t) => patch({ run: { kind: 'stepped', to: Number(t) } })}
          />
        )}
        <div className="bp-field">
          <label htmlFor={`${id}-speed`}>Training speed</label>
          <select id={`${id}-speed`} value={step.speed === undefined ? '' : String(step.speed)} onChange={(e) => patch({ speed: speedOf(e.target.value) })}>
            <option value="">as it is</option>
            {LESSON_SPEEDS.map((v) => (
              <option key={v} value={String(v)}>
                {v === 'full' ? 'full speed' : `${v} steps/s`}
              </option>
            ))}
          </select>
        </div>
      </div>

      <details className="bp-lesson-panel__section">
        <summary>Controls in this step</summary>
        <ControlsTable controls={step.controls} inherit="as the lesson sets" onChange={(controls) => patch({ controls })} />
      </details>
      {hl && hl.nodes.some((n) => !editor.getState().doc.nodes.some((d) => d.id === n)) && (
        <p className="bp-field__error">Some highlighted nodes are no longer in the graph; they are passed over.</p>
      )}
    </section>
  );
}

function openWith<K extends keyof NonNullable<LessonStep['open']>>(step: LessonStep, key: K, value: NonNullable<LessonStep['open']>[K] | '' | undefined): LessonStep['open'] {
  const next: NonNullable<LessonStep['open']> = { ...(step.open ?? {}) };
  if (value === '' || value === undefined) delete next[key];
  else next[key] = value as NonNullable<LessonStep['open']>[K];
  return Object.keys(next).length ? next : undefined;
}

function runOf(kind: string, old: LessonRun | undefined): LessonRun | undefined {
  if (kind === 'forward' || kind === 'backward' || kind === 'train') return { kind };
  if (kind === 'stepped') return { kind, to: old?.kind === 'stepped' ? old.to : 1 };
  return undefined;
}

function speedOf(v: string): LessonStep['speed'] {
  if (v === '') return undefined;
  if (v === 'full') return 'full';
  const n = Number(v);
  return (LESSON_SPEEDS as readonly (number | string)[]).includes(n) ? (n as LessonStep['speed']) : undefined;
}

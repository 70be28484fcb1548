import { describe, expect, it } from 'vitest';
import { parseModelDocument } from '../parse';
import { controlStates, LessonSchema, MAX_LESSON_STEPS, MAX_STEP_TEXT, type Lesson } from './lesson-schema';

const doc = (lesson: unknown) =>
  JSON.stringify({ format: 'backprop-studio/model', version: 2, nodes: [{ id: 'in', type: 'Input', params: { features: 2 } }], edges: [], lesson });

function errors(lesson: unknown) {
  const r = parseModelDocument(doc(lesson));
  if (r.ok) throw new Error('expected a refusal');
  return r.errors;
}

describe('lessons in the model document', () => {
  it('reads a lesson with every kind of step action, filling in defaults', () => {
    const lesson = {
      title: 'Chain rule',
      controls: { palette: 'hide', toolbar_file: 'lock' },
      steps: [
        { title: 'One', text: 'Hello **x**', highlight: { nodes: ['in'] }, open: { side: 'training', bottom: 'backprop' }, run: { kind: 'stepped', to: 3 }, speed: 2, controls: { palette: 'show' } },
        { title: 'Two', run: { kind: 'forward' }, speed: 'full' },
        { title: 'Three', example: 'deep-relu.json', run: { kind: 'train' }, open: { bottom: 'gradnorms', bottom_height: 380 }, controls: { side_panel: 'hide' } },
      ],
    };
    const r = parseModelDocument(doc(lesson));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.lesson?.steps[0].highlight).toEqual({ nodes: ['in'], edges: [] });
    expect(r.doc.lesson?.steps[1].text).toBe('');
  });

  it('bounds the number of steps and the length of the text, in UTF-16 units', () => {
    const step = { title: 's' };
    expect(errors({ title: 't', steps: Array(MAX_LESSON_STEPS + 1).fill(step) })).toEqual([
      { path: '$.lesson.steps', message: `Lesson, steps: has ${MAX_LESSON_STEPS + 1} items; it must have at most ${MAX_LESSON_STEPS}.` },
    ]);
    expect(errors({ title: 't', steps: [] })).toEqual([{ path: '$.lesson.steps', message: 'Lesson, steps: has 0 items; it must have at least 1.' }]);
    // 1,001 astral characters are 2,002 UTF-16 units.
    const text = '𝛁'.repeat(MAX_STEP_TEXT / 2 + 1);
    expect(errors({ title: 't', steps: [{ title: 'Long', text }] })).toEqual([
      { path: '$.lesson.steps[0].text', message: `Lesson, step 1 "Long", text: is ${MAX_STEP_TEXT + 2} UTF-16 code units long; it must be at most ${MAX_STEP_TEXT}.` },
    ]);
    expect(errors({ title: 't', steps: [{ title: 'Long', text: 'x'.repeat(MAX_STEP_TEXT + 1) }] })).toEqual([
      { path: '$.lesson.steps[0].text', message: `Lesson, step 1 "Long", text: is ${MAX_STEP_TEXT + 1} characters long; it must be at most ${MAX_STEP_TEXT}.` },
    ]);
    expect(LessonSchema.safeParse({ title: 't', steps: [{ title: 's', text: '𝛁'.repeat(MAX_STEP_TEXT / 2) }] }).success).toBe(true);
  });

  it('refuses links that are not http(s), unknown controls and actions, naming where', () => {
    expect(errors({ title: 't', steps: [{ title: 'a' }, { title: 'b', text: '[x](javascript:alert(1))' }] })).toEqual([
      { path: '$.lesson.steps[1].text', message: 'Lesson, step 2 "b", text: a link may only go to an http:// or https:// address, not "javascript:alert(1)".' },
    ]);
    expect(errors({ title: 't', steps: [{ title: 'a', controls: { pallete: 'lock' } }] })[0]).toMatchObject({
      path: '$.lesson.steps[0].controls.pallete',
      message: expect.stringContaining("did you mean 'palette'?"),
    });
    expect(errors({ title: 't', steps: [{ title: 'a', run: { kind: 'stepped', to: 0 } }] })[0].path).toBe('$.lesson.steps[0].run.to');
    expect(errors({ title: 't', steps: [{ title: 'a', speed: 3 }] })[0].path).toBe('$.lesson.steps[0].speed');
    expect(errors({ title: 't', steps: [{ title: 'a', open: { side: 'palette' } }] })[0].path).toBe('$.lesson.steps[0].open.side');
    expect(errors({ title: 't', steps: [{ title: 'a', open: { bottom_height: 4000 } }] })[0].path).toBe('$.lesson.steps[0].open.bottom_height');
    // A step's example is a file name in the examples' folder, never a path or an address.
    for (const example of ['../secret.json', 'https://evil.example/x.json', 'deep-relu', '/deep-relu.json', 'Deep.json']) {
      expect(errors({ title: 't', steps: [{ title: 'a', example }] })[0]).toMatchObject({ path: '$.lesson.steps[0].example', message: expect.stringContaining('file name of a built-in example') });
    }
    expect(errors({ title: 't', steps: [{ title: 'a', run: { kind: 'train', steps: 5 } }] })[0].path).toMatch(/^\$\.lesson\.steps\[0\]\.run/);
  });

  it('gives each control the step’s state, else the lesson’s, else shown', () => {
    const lesson = LessonSchema.parse({ title: 't', controls: { palette: 'hide', graph: 'lock' }, steps: [{ title: 'a' }, { title: 'b', controls: { palette: 'lock' } }] }) as Lesson;
    expect(controlStates(lesson, 0)).toMatchObject({ palette: 'hide', graph: 'lock', inspector: 'show' });
    expect(controlStates(lesson, 1)).toMatchObject({ palette: 'lock', graph: 'lock', toolbar_run: 'show' });
    expect(controlStates(lesson, 7)).toMatchObject({ palette: 'lock' });
  });
});

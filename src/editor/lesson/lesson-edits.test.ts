import { describe, expect, it } from 'vitest';
import { MAX_LESSON_STEPS } from '../../model';
import { createEditorStore } from '../store/editor-store';
import { addStep, deleteStep, moveStep, newLesson, updateStep } from './lesson-edits';
import { clampStep, controlState, goToStep, highlighted, presentRequested, startPresenting, exampleFromHash } from './presenting';

describe('lesson edits', () => {
  it('add, update, move and delete steps, returning the same lesson when nothing changes', () => {
    let l = newLesson('L');
    l = addStep(l);
    l = updateStep(l, 1, { title: 'Second', run: { kind: 'forward' } });
    expect(l.steps.map((s) => s.title)).toEqual(['Step 1', 'Second']);
    expect(updateStep(l, 1, { title: 'Second' })).toBe(l);
    expect(updateStep(l, 1, { run: undefined }).steps[1]).toEqual({ title: 'Second', text: '' });
    l = moveStep(l, 1, 0);
    expect(l.steps[0].title).toBe('Second');
    expect(moveStep(l, 0, 5)).toBe(l);
    l = deleteStep(l, 0);
    expect(l.steps.map((s) => s.title)).toEqual(['Step 1']);
    expect(deleteStep(l, 0)).toBe(l);
    let full = newLesson();
    for (let i = 0; i < 60; i++) full = addStep(full);
    expect(full.steps).toHaveLength(MAX_LESSON_STEPS);
  });

  it('are undo steps of the editor store, and removing the lesson leaves no field behind', () => {
    const store = createEditorStore();
    store.getState().setLesson(newLesson('L'));
    store.getState().setLesson(addStep(store.getState().doc.lesson!));
    expect(store.getState().doc.lesson?.steps).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc.lesson?.steps).toHaveLength(1);
    store.getState().setLesson(undefined);
    expect('lesson' in store.getState().doc).toBe(false);
    store.getState().undo();
    expect(store.getState().doc.lesson?.title).toBe('L');
  });
});

describe('presenting', () => {
  const doc = createEditorStore().getState().doc as never;
  const lesson = { title: 't', controls: { palette: 'lock' as const }, steps: [{ title: 'a', text: '', highlight: { nodes: ['fc1'], edges: ['e1'] } }, { title: 'b', text: '' }] };

  it('moves between steps within the lesson, each visit counted', () => {
    const p = startPresenting(lesson, doc, 'link', 9);
    expect(p.index).toBe(1);
    expect(goToStep(p, 5)).toBe(p);
    const q = goToStep(p, -3);
    expect([q.index, q.visit]).toEqual([0, p.visit + 1]);
    expect(clampStep(lesson, Number.NaN)).toBe(0);
  });

  it('highlights the step’s nodes and edges and gives the controls their state', () => {
    const p = startPresenting(lesson, doc, 'preview');
    expect([...highlighted(p).nodes]).toEqual(['fc1']);
    expect(highlighted(goToStep(p, 1)).nodes.size).toBe(0);
    expect(controlState(p, 'palette')).toBe('lock');
    expect(controlState(null, 'palette')).toBe('show');
  });

  it('reads the request to present from the link', () => {
    expect(presentRequested('#model=abc&present')).toBe(true);
    expect(presentRequested('#model=abc&present=0')).toBe(false);
    expect(presentRequested('#model=abc')).toBe(false);
    expect(exampleFromHash('#example=chain-rule-lesson.json&present')).toBe('chain-rule-lesson.json');
  });
});

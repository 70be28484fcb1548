import { describe, expect, it } from 'vitest';
import { startPresenting } from '../../editor/lesson';
import { LessonSchema } from '../../model';
import type { ModelDocument } from '../../model';
import { shortcutLocked } from './shortcut-locks';

const doc = { format: 'backprop-studio/model', version: 2, name: 'n', seed: 1, nodes: [], edges: [] } as ModelDocument;

describe('shortcuts under a lesson', () => {
  it('work as usual with no lesson on show', () => {
    for (const cmd of ['delete', 'undo', 'redo', 'save', 'new', 'tidy', 'paste'] as const) expect(shortcutLocked(cmd, null)).toBe(false);
  });

  it('stop where the lesson hides or locks their control, step by step', () => {
    const lesson = LessonSchema.parse({ title: 't', controls: { graph: 'lock' }, steps: [{ title: 'a', controls: { toolbar_history: 'hide' } }, { title: 'b', controls: { graph: 'show' } }] });
    const p = startPresenting(lesson, doc, 'link');
    expect(shortcutLocked('delete', p)).toBe(true);
    expect(shortcutLocked('undo', p)).toBe(true);
    expect(shortcutLocked('tidy', p)).toBe(true);
    expect(shortcutLocked('save', p)).toBe(false);
    const second = { ...p, index: 1 };
    expect(shortcutLocked('delete', second)).toBe(false);
    expect(shortcutLocked('undo', second)).toBe(false);
  });
});

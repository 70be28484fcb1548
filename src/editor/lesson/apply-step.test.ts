import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelDocument, type Lesson, type ModelDocument } from '../../model';
import { createScreenStore } from '../screen/screen-store';
import { createEditorStore } from '../store/editor-store';
import { present, resetStep, showStep, stopPresenting, type LessonStores } from './apply-step';

function example(file: string): ModelDocument {
  const r = parseModelDocument(readFileSync(resolve('public/examples', file), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

// The jsdom project's import.meta.url is not a file address: the examples are found from the project's root.
/** Waits until the store's pending step work (a fetched example) has landed. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a step that shows another built-in example', () => {
  const lesson: Lesson = {
    title: 'Two networks',
    steps: [
      { title: 'Sigmoid', text: '' },
      { title: 'ReLU', text: '', example: 'deep-relu.json' },
      { title: 'Sigmoid again', text: '' },
    ],
  };
  const setup = (mode: 'link' | 'preview') => {
    const start = { ...example('deep-sigmoid.json'), lesson };
    const editor = createEditorStore();
    editor.getState().loadDocument(start);
    const asked: string[] = [];
    const stores: LessonStores = {
      editor,
      screen: createScreenStore(),
      loadExample: async (file) => {
        asked.push(file);
        return readFileSync(resolve('public/examples', file), 'utf8');
      },
    };
    present(stores, lesson, mode);
    return { stores, asked, name: () => editor.getState().doc.name };
  };

  it("opens it on its step and brings the lesson's model back on the others, once each", async () => {
    const { stores, asked, name } = setup('link');
    expect(name()).toBe('Deep sigmoid network (vanishing gradients)');
    showStep(stores, 1);
    await settle();
    expect(name()).toBe('Deep ReLU network');
    expect(stores.screen.getState().presenting?.shown).toBe('deep-relu.json');
    // A learner's link opens models as they are: nothing to undo into.
    expect(stores.editor.getState().history.past).toHaveLength(0);
    showStep(stores, 2);
    await settle();
    expect(name()).toBe('Deep sigmoid network (vanishing gradients)');
    expect(stores.editor.getState().doc.lesson?.title).toBe('Two networks');
    showStep(stores, 1);
    await settle();
    expect(asked).toEqual(['deep-relu.json', 'deep-relu.json']);
    // Reset opens the step's model afresh.
    resetStep(stores);
    await settle();
    expect(name()).toBe('Deep ReLU network');
    expect(asked).toHaveLength(3);
  });

  it("gives the lesson's model back when an author leaves the preview, unless another was just opened", async () => {
    const { stores, name } = setup('preview');
    showStep(stores, 1);
    await settle();
    expect(name()).toBe('Deep ReLU network');
    stopPresenting(stores);
    expect(name()).toBe('Deep sigmoid network (vanishing gradients)');
    expect(stores.screen.getState().presenting).toBeNull();

    const again = setup('preview');
    showStep(again.stores, 1);
    await settle();
    again.stores.editor.getState().loadDocument(example('spiral.json'));
    stopPresenting(again.stores, { keepDocument: true });
    expect(again.name()).toBe('Spiral classifier');
  });

  it('says so when the example cannot be opened, and leaves the model as it was', async () => {
    const { stores, name } = setup('link');
    stores.loadExample = async () => {
      throw new Error('there is no built-in example “gone.json”');
    };
    showStep(stores, 1);
    await settle();
    expect(name()).toBe('Deep sigmoid network (vanishing gradients)');
    expect(stores.screen.getState().toasts.at(-1)?.text).toContain('could not be opened: there is no built-in example');
  });
});

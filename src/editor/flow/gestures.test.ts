import { describe, expect, it } from 'vitest';
import { createGestures } from './gestures';

describe('gestures on the canvas', () => {
  it('begin with the first and end with the last', () => {
    const heard: boolean[] = [];
    const g = createGestures((a) => heard.push(a));
    g.set('drag', true);
    expect(g.dragging).toBe(true);
    g.set('pan', true);
    g.set('drag', false);
    expect(heard).toEqual([true]);
    g.set('pan', false);
    expect(heard).toEqual([true, false]);
    expect(g.dragging).toBe(false);
  });

  it('a move of the view that was no gesture does not end a drag', () => {
    const heard: boolean[] = [];
    const g = createGestures((a) => heard.push(a));
    g.set('drag', true);
    // Auto-pan at the canvas's edge, or fitting the view: the view's move ends, the drag goes on.
    for (let i = 0; i < 3; i++) g.set('pan', false);
    expect(heard).toEqual([true]);
    g.set('drag', false);
    g.set('drag', false);
    expect(heard).toEqual([true, false]);
  });
});

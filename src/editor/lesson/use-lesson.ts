import type { ControlState, LessonControl } from '../../model';
import { useScreen } from '../screen/use-screen';
import { controlState, highlighted } from './presenting';

/** What the lesson on show makes of `control`: shown, hidden or locked (shown when no lesson is on show). */
export function useControl(control: LessonControl): ControlState {
  return useScreen((s) => controlState(s.presenting, control));
}

/** Whether the step on show draws out this node or edge. */
export function useHighlighted(kind: 'nodes' | 'edges', id: string): boolean {
  return useScreen((s) => highlighted(s.presenting)[kind].has(id));
}

import { controlState, type Presenting } from '../../editor/lesson';
import type { LessonControl } from '../../model';
import type { ShortcutCommand } from '../shortcuts';

/** The controls a shortcut stands in for: it works only while every one of them is shown. */
const NEEDS: Record<ShortcutCommand, readonly LessonControl[]> = {
  delete: ['graph'],
  paste: ['graph'],
  undo: ['toolbar_history'],
  redo: ['toolbar_history'],
  save: ['toolbar_file'],
  new: ['toolbar_file'],
  tidy: ['toolbar_build', 'graph'],
  copy: [],
  selectAll: [],
};

/** Whether the lesson on show keeps `cmd` from working (a hidden or locked control is not reached by its key either). */
export function shortcutLocked(cmd: ShortcutCommand, p: Presenting | null): boolean {
  return NEEDS[cmd].some((c) => controlState(p, c) !== 'show');
}

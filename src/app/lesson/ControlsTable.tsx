import { useId } from 'react';
import { LESSON_CONTROLS, type ControlState, type LessonControl, type LessonControls } from '../../model';

export const CONTROL_LABELS: Record<LessonControl, string> = {
  palette: 'Node palette',
  inspector: 'Inspector',
  training_settings: 'Training settings',
  graph: 'Editing the graph',
  toolbar_file: 'Toolbar: file and sharing',
  toolbar_history: 'Toolbar: undo and redo',
  toolbar_build: 'Toolbar: build and tidy',
  toolbar_run: 'Toolbar: run buttons',
  side_panel: 'Side panel (Inspector, Training)',
};

/** One menu per control: as inherited, shown, hidden or locked. `undefined` when none is set. */
export function ControlsTable({ controls, inherit, onChange }: { controls: LessonControls | undefined; inherit: string; onChange(c: LessonControls | undefined): void }) {
  const id = useId();
  const setOne = (c: LessonControl, v: ControlState | '') => {
    const next: Record<string, ControlState> = { ...(controls ?? {}) } as Record<string, ControlState>;
    if (v === '') delete next[c];
    else next[c] = v;
    onChange(Object.keys(next).length ? (next as LessonControls) : undefined);
  };
  return (
    <div className="bp-lesson-controls">
      {LESSON_CONTROLS.map((c) => (
        <div key={c} className="bp-lesson-controls__row">
          <label htmlFor={`${id}-${c}`}>{CONTROL_LABELS[c]}</label>
          <select id={`${id}-${c}`} value={controls?.[c] ?? ''} onChange={(e) => setOne(c, e.target.value as ControlState | '')}>
            <option value="">{inherit}</option>
            <option value="show">shown</option>
            {c !== 'graph' && <option value="hide">hidden</option>}
            {c !== 'side_panel' && <option value="lock">locked</option>}
          </select>
        </div>
      ))}
    </div>
  );
}

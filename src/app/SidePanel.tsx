import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useControl } from '../editor/lesson';
import { useScreen } from '../editor/screen/use-screen';
import { LessonPanel } from './lesson/LessonPanel';
import { useRun, useRunStore } from '../editor/run/use-run';
import { useEditorStore } from '../editor/use-editor';
import { Inspector } from './Inspector';
import { TrainingPanel } from './training/TrainingPanel';
import './side-panel.css';

type SideTab = 'inspector' | 'training' | 'lesson';

const ALL_TABS: readonly { key: SideTab; label: string }[] = [
  { key: 'inspector', label: 'Inspector' },
  { key: 'training', label: 'Training' },
  { key: 'lesson', label: 'Lesson' },
];

/**
 * The right-hand column: the Inspector (the selection, or the model) and Training (data,
 * optimizer, run, curves, boundary) as tabs. Selecting a node or a connection on the canvas
 * shows the Inspector — except the layer a divergence points at, which is selected while the
 * Training tab shows how training ended.
 */
export function SidePanel() {
  const [tab, setTab] = useState<SideTab>('inspector');
  const editor = useEditorStore();
  const run = useRunStore();
  const id = useId();
  const running = useRun((s) => s.training.state === 'running');
  const inspector = useControl('inspector');
  // A learner on a lesson's link does not get its authoring: editing the lesson would undo its locks.
  const learner = useScreen((s) => s.presenting?.mode === 'link');
  const TABS = ALL_TABS.filter((t) => !(t.key === 'inspector' && inspector === 'hide') && !(t.key === 'lesson' && learner));
  const sideRequest = useScreen((s) => s.sideTabRequest);
  useEffect(() => {
    if (sideRequest && ALL_TABS.some((t) => t.key === sideRequest.key)) setTab(sideRequest.key as SideTab);
  }, [sideRequest]);
  const shown = TABS.some((t) => t.key === tab) ? tab : TABS[0].key;

  useEffect(() => {
    let pointedAt: unknown = null;
    return editor.subscribe((s, prev) => {
      if (s.selection === prev.selection || (!s.selection.nodes.length && !s.selection.edges.length)) return;
      // The run pointing at a layer (a divergence, a breakpoint) selects it without taking the Training panel away.
      const { end, breakpoint } = run.getState().training;
      const pointer = breakpoint ?? (end?.reason === 'diverged' ? end : null);
      const pointsAt = s.selection.nodes.length === 1 ? s.selection.nodes[0] === pointer?.nodeId : s.selection.edges.length === 1 && !!breakpoint && s.selection.edges[0] === breakpoint.edgeId;
      if (pointer && pointer !== pointedAt && pointsAt) {
        pointedAt = pointer;
        return;
      }
      setTab('inspector');
    });
  }, [editor, run]);


  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.key === shown);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next].key);
    document.getElementById(`${id}-tab-${TABS[next].key}`)?.focus();
  };

  return (
    <div className="bp-side" data-tab={shown}>
      <div role="tablist" aria-label="Side panel" className="bp-tabs bp-side__tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={t.key === shown}
            aria-controls={`${id}-panel`}
            tabIndex={t.key === shown ? 0 : -1}
            className="bp-tab"
            onClick={() => setTab(t.key)}
          >
            <span>{t.label}</span>
            {t.key === 'training' && running && <span className="bp-side__live" role="img" aria-label="training is running" />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${shown}`} className="bp-side__panel">
        {shown === 'inspector' ? (
          <fieldset className="bp-lockable" disabled={inspector === 'lock'} aria-describedby={inspector === 'lock' ? `${id}-locked` : undefined}>
            {inspector === 'lock' && (
              <p className="bp-locked-note" id={`${id}-locked`}>
                Locked by the lesson.
              </p>
            )}
            <Inspector />
          </fieldset>
        ) : shown === 'training' ? (
          <TrainingPanel />
        ) : (
          <LessonPanel />
        )}
      </div>
    </div>
  );
}

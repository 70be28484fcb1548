import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useRun, useRunStore } from '../editor/run/use-run';
import { useEditorStore } from '../editor/use-editor';
import { Inspector } from './Inspector';
import { TrainingPanel } from './training/TrainingPanel';
import './side-panel.css';

type SideTab = 'inspector' | 'training';

const TABS: readonly { key: SideTab; label: string }[] = [
  { key: 'inspector', label: 'Inspector' },
  { key: 'training', label: 'Training' },
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

  useEffect(() => {
    let pointedAt: unknown = null;
    return editor.subscribe((s, prev) => {
      if (s.selection === prev.selection || (!s.selection.nodes.length && !s.selection.edges.length)) return;
      const end = run.getState().training.end;
      if (end?.reason === 'diverged' && end !== pointedAt && s.selection.nodes.length === 1 && s.selection.nodes[0] === end.nodeId) {
        pointedAt = end;
        return;
      }
      setTab('inspector');
    });
  }, [editor, run]);

  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.key === tab);
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
    <div className="bp-side" data-tab={tab}>
      <div role="tablist" aria-label="Side panel" className="bp-tabs bp-side__tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={t.key === tab}
            aria-controls={`${id}-panel`}
            tabIndex={t.key === tab ? 0 : -1}
            className="bp-tab"
            onClick={() => setTab(t.key)}
          >
            <span>{t.label}</span>
            {t.key === 'training' && running && <span className="bp-side__live" role="img" aria-label="training is running" />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="bp-side__panel">
        {tab === 'inspector' ? <Inspector /> : <TrainingPanel />}
      </div>
    </div>
  );
}

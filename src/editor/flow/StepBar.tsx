import { Panel } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { blockerHeadline, runBlocker } from '../data-diagnostics';
import { useShallow } from '../use-shallow';
import { useRun, useRunStore } from '../run/use-run';
import { useScreen } from '../screen/use-screen';
import { PLAY_INTERVAL } from '../screen/prefs';

/** What the step bar needs of the run state: a handful of primitives. */
function useStepState() {
  return useRun(
    useShallow((s) => {
      const a = s.stepCursor >= 0 ? s.steps[s.stepCursor] : null;
      return {
        label: a?.label ?? null,
        phase: a?.phase ?? null,
        cursor: s.stepCursor,
        taken: s.steps.length,
        total: s.stepTotal,
        playing: s.playing,
        busy: s.busy,
        ready: s.ready && !!s.load?.ok && s.training.state !== 'running',
        training: s.training.state === 'running',
        blocker: blockerHeadline(s),
        why: runBlocker(s),
      };
    }),
  );
}

const ICON = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const;

/**
 * Step through a pass one layer at a time: reset, step back, play/pause (at an adjustable
 * speed), step forward, and the step on show announced politely to screen readers (and
 * read by the browser tests).
 */
export const StepBar = memo(function StepBar() {
  const store = useRunStore();
  const st = useStepState();
  const interval = useScreen((s) => s.playIntervalMs);
  const setSpeed = useScreen((s) => s.setPlayInterval);
  const lastInterval = useRef(interval);

  // A new speed while playing takes effect at once.
  useEffect(() => {
    if (interval === lastInterval.current) return;
    lastInterval.current = interval;
    if (store.getState().playing) store.getState().play(interval);
  }, [interval, store]);

  // The title over the canvas's left corner stops short of this bar, whose width follows its label.
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = bar.current;
    const canvas = el?.closest<HTMLElement>('.bp-canvas');
    if (!el || !canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => canvas.style.setProperty('--bp-stepbar-width', `${el.offsetWidth}px`));
    observer.observe(el);
    return () => {
      observer.disconnect();
      canvas.style.removeProperty('--bp-stepbar-width');
    };
  }, []);

  const atEnd = st.taken > 0 && st.cursor === st.taken - 1 && st.taken === st.total;
  const position = st.cursor + 1;
  const text = st.label ?? (st.ready ? 'Step through a pass' : st.training ? 'Training: pause it to step' : (st.blocker ?? 'Step through a pass'));
  return (
    <Panel ref={bar} position="top-center" className="bp-stepbar" aria-label="Step through a pass">
      <div className="bp-stepbar__buttons" role="group" aria-label="Stepping">
        <button type="button" className="bp-stepbar__btn" title="Reset: start the pass again" aria-label="Reset the stepped pass" disabled={!st.ready || !!st.busy || st.taken === 0} onClick={() => void store.getState().stepReset()}>
          <svg {...ICON}>
            <path d="M3 3v4h4M3.5 7A5 5 0 1 1 4 11" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <button type="button" className="bp-stepbar__btn" title="Step back" aria-label="Step back" disabled={st.cursor <= 0 || st.playing} onClick={() => store.getState().stepBack()}>
          <svg {...ICON}>
            <path d="M10 3.5 5.5 8l4.5 4.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <button
          type="button"
          className="bp-stepbar__btn bp-stepbar__btn--play"
          title={st.playing ? 'Pause' : 'Play the whole pass'}
          aria-label={st.playing ? 'Pause' : 'Play'}
          disabled={!st.ready}
          onClick={() => (st.playing ? store.getState().pausePlay() : store.getState().play(interval))}
        >
          {st.playing ? (
            <svg {...ICON}>
              <path d="M5 3.5v9M11 3.5v9" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
            </svg>
          ) : (
            <svg {...ICON}>
              <path d="M5 3.2v9.6L12.5 8z" fill="currentColor" />
            </svg>
          )}
        </button>
        <button type="button" className="bp-stepbar__btn" title="Step forward: run the next layer" aria-label="Step forward" disabled={!st.ready || st.playing} onClick={() => void store.getState().stepForward()}>
          <svg {...ICON}>
            <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </div>
      <label className="bp-stepbar__speed" title="Playing speed">
        <span className="bp-visually-hidden">Speed</span>
        <svg {...ICON} className="bp-stepbar__speed-icon">
          <path d="M2.5 11a5.5 5.5 0 1 1 11 0" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          <path d="M8 11l2.6-3.4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        <input
          type="range"
          min={PLAY_INTERVAL.min}
          max={PLAY_INTERVAL.max}
          step={20}
          // Right is faster: the slider runs over the interval reversed.
          value={PLAY_INTERVAL.max + PLAY_INTERVAL.min - interval}
          aria-valuetext={`one step every ${(interval / 1000).toFixed(2)} s`}
          onChange={(e) => setSpeed(PLAY_INTERVAL.max + PLAY_INTERVAL.min - Number(e.target.value))}
        />
      </label>
      <div className={`bp-stepbar__status${st.phase ? ` bp-stepbar__status--${st.phase}` : ''}${!st.ready && !st.training && st.blocker && !st.label ? ' bp-stepbar__status--blocked' : ''}`} title={(!st.label && !st.training && st.why) || text}>
        {st.total > 0 && st.taken > 0 && (
          <span className="bp-stepbar__count" aria-hidden="true">
            {position}/{st.total}
          </span>
        )}
        <span aria-live="polite" aria-atomic="true" data-testid="step-status" className="bp-stepbar__label" title={text}>
          {text}
        </span>
        {atEnd && <span className="bp-stepbar__done">done</span>}
      </div>
    </Panel>
  );
});

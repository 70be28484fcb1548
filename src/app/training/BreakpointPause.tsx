import { useRun, useRunStore } from '../../editor/run/use-run';
import { icons } from '../icons';
import { ToolButton } from '../ToolButton';

/** Said wherever a breakpoint pauses the run: what Resume does to it. */
export const CONTINUE_PAST = 'Resume and Step once go on past it: a breakpoint pauses again only after its condition has cleared.';

/**
 * The breakpoint the run is paused at: which condition fired, with its numbers, and what
 * can be done — Resume, Step (one training step, then paused again), or change the
 * learning rate in the settings below and Resume.
 */
export function BreakpointPause() {
  const store = useRunStore();
  const hit = useRun((s) => (s.training.state === 'paused' ? s.training.breakpoint : null));
  if (!hit) return null;
  return (
    <div className="bp-train-note bp-train-note--warning bp-breakpoint-pause" data-testid="training-breakpoint" data-condition={hit.condition} data-node={hit.nodeId ?? ''}>
      <p className="bp-breakpoint-pause__what">
        <b>Paused at a breakpoint — {hit.label}.</b> {hit.message}
      </p>
      {hit.also.length > 0 && (
        <ul className="bp-breakpoint-pause__also" aria-label="Other conditions that began to hold on this step">
          {hit.also.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <p className="bp-breakpoint-pause__how">
        {hit.condition === 'plateau' ? '' : `Step ${hit.step}'s update is held until you go on. `}
        {CONTINUE_PAST} A new learning rate typed in the settings below applies from {hit.condition === 'plateau' ? 'the next update' : 'this update'} on.
      </p>
      <div className="bp-breakpoint-pause__buttons">
        <ToolButton label="Resume" icon={icons.train} primary title="Go on training past this breakpoint" onClick={() => void store.getState().toggleTraining()} />
        <ToolButton label="Step once" icon={icons.step} title="One training step (this one's update), then pause again" onClick={() => void store.getState().stepTraining()} />
      </div>
    </div>
  );
}

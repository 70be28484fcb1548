import { useScreen } from '../../editor/screen/use-screen';
import { TRAINING_SPEEDS, type TrainingSpeed } from '../../runtime';
import { Segmented } from '../../viz';

/** A speed's name on the control, and what it means. */
export function speedLabel(speed: TrainingSpeed): { label: string; title: string } {
  if (speed === 'full') return { label: 'Full', title: 'As fast as this machine trains' };
  if (speed < 1) return { label: 'Step', title: `One step every ${Math.round(1 / speed)} s, its forward and backward pass played along the edges` };
  return { label: `${speed}/s`, title: `${speed} steps a second` };
}

/**
 * How fast training runs, from a step at a time (each step's pass played along the edges)
 * to full speed; it applies at once to a run under way. The steps are the same at every
 * speed, so the curve is too.
 */
export function SpeedControl() {
  const speed = useScreen((s) => s.speed);
  const setSpeed = useScreen((s) => s.setSpeed);
  return (
    <div className="bp-train-speed" data-testid="training-speed" data-speed={String(speed)}>
      <span className="bp-train-speed__label">Speed</span>
      <Segmented
        label="Training speed"
        value={String(speed)}
        options={TRAINING_SPEEDS.map((s) => ({ value: String(s), ...speedLabel(s) }))}
        onChange={(v) => setSpeed(v === 'full' ? 'full' : Number(v))}
      />
    </div>
  );
}

import { useRun, useRunStore } from '../../editor/run/use-run';
import { useScreenStore } from '../../editor/screen/use-screen';
import { formatCount } from '../../viz';
import { icons } from '../icons';
import { useRunControls } from '../run-controls';
import { ToolButton } from '../ToolButton';
import { latestPoint, lossText, percent, r2Text, STATE_LABELS, statusAttributes, trainAction } from './status';
import { SpeedControl } from './SpeedControl';
import { BreakpointPause } from './BreakpointPause';
import { trainingIcons } from './training-icons';

const TRAIN_LABEL = { train: 'Train', pause: 'Pause', resume: 'Resume' } as const;

/**
 * The run at a glance, kept in view at the top of the panel: its state, step and epoch, the
 * latest training and test loss and accuracy, Train/Pause, Stop and Reset weights, and how
 * the last run ended.
 */
export function TrainingStatus() {
  const store = useRunStore();
  const training = useRun((s) => s.training);
  const resetting = useRun((s) => s.busy === 'reset');
  const { unavailable, trainBlocked } = useRunControls();
  const p = latestPoint(training);
  const action = trainAction(training.state);
  const active = training.state === 'running' || training.state === 'paused';
  const diverged = training.state === 'diverged';
  // A regression model's figures: its loss is the MSE, and R² stands in for accuracy.
  const regression = useRun((s) => s.load?.plan?.task === 'regression');
  const screen = useScreenStore();
  /** Resets, and takes down the divergence message the run store raised: it has been answered. */
  const resetAfterDivergence = () => {
    const message = training.end?.message;
    void store
      .getState()
      .resetWeights()
      .then(() => {
        const s = screen.getState();
        for (const t of s.toasts) if (t.text === message) s.dismiss(t.id);
      });
  };

  return (
    <section className="bp-train-status" aria-label="Training status" data-testid="training-status" {...statusAttributes(training)}>
      <div className="bp-train-status__head">
        <span className={`bp-state bp-state--${training.state}`}>
          <span className="bp-state__dot" aria-hidden="true" />
          {STATE_LABELS[training.state]}
        </span>
        {training.previous && (
          <span className="bp-train-status__previous" data-testid="previous-run" title={`Saved ${new Date(training.previous.savedAt).toLocaleString()}`}>
            previous session
          </span>
        )}
        <span className="bp-train-status__counts">
          step <b>{formatCount(training.step)}</b> · epoch <b>{formatCount(training.epoch)}</b>
        </span>
      </div>
      <table className="bp-train-figures">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{regression ? 'MSE' : 'Loss'}</th>
            <th scope="col">{regression ? <abbr title="Coefficient of determination: 1 is a perfect fit, 0 no better than the mean">R²</abbr> : 'Accuracy'}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              <span className="bp-swatch bp-swatch--train" aria-hidden="true" />
              Train
            </th>
            <td data-testid="train-loss">{lossText(p?.trainLoss)}</td>
            {regression ? <td data-testid="train-r2">{r2Text(p?.trainR2)}</td> : <td data-testid="train-accuracy">{percent(p?.trainAccuracy)}</td>}
          </tr>
          <tr>
            <th scope="row">
              <span className="bp-swatch bp-swatch--test" aria-hidden="true" />
              Test
            </th>
            <td data-testid="test-loss">{lossText(p?.testLoss)}</td>
            {regression ? <td data-testid="test-r2">{r2Text(p?.testR2)}</td> : <td data-testid="test-accuracy">{percent(p?.testAccuracy)}</td>}
          </tr>
        </tbody>
      </table>
      <div className="bp-train-status__buttons">
        <ToolButton
          primary={!diverged}
          label={TRAIN_LABEL[action]}
          icon={action === 'pause' ? icons.pause : icons.train}
          disabled={!!trainBlocked}
          title={trainBlocked ?? (action === 'pause' ? 'Pause training' : action === 'resume' ? 'Continue training' : 'Train until the target loss or the epoch limit')}
          onClick={() => void store.getState().toggleTraining()}
        />
        {training.state === 'paused' && !training.breakpoint && (
          <ToolButton label="Step once" icon={icons.step} title="One training step, then pause again" onClick={() => void store.getState().stepTraining()} />
        )}
        <ToolButton label="Stop" icon={trainingIcons.stop} disabled={!active} title={active ? 'Stop training (the weights stay as trained)' : 'Training is not running'} onClick={() => store.getState().stopTraining()} />
        {diverged ? (
          <button type="button" className="bp-button bp-button--danger" aria-disabled={resetting || undefined} title="The weights are no longer finite: draw them again from the seed" onClick={resetAfterDivergence}>
            {icons.reset}
            <span>Reset weights</span>
          </button>
        ) : (
          <ToolButton
            label="Reset weights"
            icon={icons.reset}
            disabled={!!unavailable || resetting}
            title={unavailable ?? 'Draw the initial weights again from the seed and clear the curves'}
            onClick={() => void store.getState().resetWeights()}
          />
        )}
      </div>
      <SpeedControl />
      <BreakpointPause />
      <TrainingOutcome />
    </section>
  );
}

/**
 * How the last run ended (epochs done, target reached, stopped, diverged), or why training
 * cannot start; announced politely, a divergence as an alert.
 */
function TrainingOutcome() {
  const state = useRun((s) => s.training.state);
  const end = useRun((s) => s.training.end);
  const { unavailable } = useRunControls();
  const active = state === 'running' || state === 'paused';
  const diverged = state === 'diverged' || state === 'failed';
  return (
    <div aria-live="polite" className="bp-train-outcome">
      {unavailable && !active && <div className="bp-train-note bp-train-note--warning">{unavailable}</div>}
      {end && !active && (
        <div className={`bp-train-note bp-train-note--${diverged ? 'error' : end.reason === 'stopped' ? 'info' : 'success'}`} role={diverged ? 'alert' : undefined} data-testid="training-end" data-reason={end.reason}>
          {end.message}
        </div>
      )}
    </div>
  );
}

import { defaultTraining } from '../../model';
import { useEditor, useEditorStore } from '../../editor/use-editor';
import { useControl } from '../../editor/lesson';
import { BoundarySection } from './BoundarySection';
import { BreakpointSettings } from './BreakpointSettings';
import { DatasetSettings } from './DatasetSettings';
import { DigitsSection } from './DigitsSection';
import { EstimatorSettings } from './EstimatorSettings';
import { LoopSettings } from './LoopSettings';
import { OptimizerSettings } from './OptimizerSettings';
import { TrainingCharts } from './TrainingCharts';
import { TrainingStatus } from './TrainingStatus';
import './training.css';

/**
 * Training in the browser: the run's status and controls, the data under the decision
 * boundary, live loss and accuracy curves, and the settings — all stored in the document
 * (so in autosave, exports and share links), each change one undo step.
 */
export function TrainingPanel() {
  const settings = useControl('training_settings');
  return (
    <div className="bp-training">
      <TrainingStatus />
      <div className="bp-training__body">
        {settings === 'show' && <MissingSettings />}
        <BoundarySection />
        <DigitsSection />
        <TrainingCharts />
        {settings !== 'hide' && (
          <fieldset className="bp-lockable" disabled={settings === 'lock'} aria-label="Training settings">
            {settings === 'lock' && <p className="bp-locked-note">Training settings are locked by the lesson.</p>}
            <DatasetSettings />
            <OptimizerSettings />
            <EstimatorSettings />
            <LoopSettings />
            <BreakpointSettings />
          </fieldset>
        )}
      </div>
    </div>
  );
}

/** A document may come without training settings; the panel shows the defaults, and one click stores them. */
function MissingSettings() {
  const store = useEditorStore();
  const missing = useEditor((s) => s.doc.training === undefined);
  if (!missing) return null;
  return (
    <div className="bp-train-missing">
      <p className="bp-train-note bp-train-note--warning">
        This model has no training settings yet, so there is no data to train on. The settings below are the defaults; changing any of them, or the button, stores them in the model.
      </p>
      <button type="button" className="bp-button bp-button--primary bp-button--small" onClick={() => store.getState().setTraining(defaultTraining())}>
        Use the default settings
      </button>
    </div>
  );
}

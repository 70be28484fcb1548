import { BoundarySection } from './BoundarySection';
import { DatasetSettings } from './DatasetSettings';
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
  return (
    <div className="bp-training">
      <TrainingStatus />
      <div className="bp-training__body">
        <BoundarySection />
        <TrainingCharts />
        <DatasetSettings />
        <OptimizerSettings />
        <LoopSettings />
      </div>
    </div>
  );
}

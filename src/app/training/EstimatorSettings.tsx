import type { EstimatorKindSetting } from '../../model';
import { useOptionalRun } from '../../editor/run/use-run';
import { useEditorStore } from '../../editor/use-editor';
import { SelectField, SettingField } from './SettingField';
import { ESTIMATORS, estimatorChoice, stepCostText } from './estimator-choices';
import { currentTraining, useTrainingSettings } from './use-training';
import './estimators.css';

const KIND_OPTIONS = ESTIMATORS.map((e) => ({ value: e.kind, label: e.label }));

/** Where each training step's gradient comes from: backprop, or a way that does without it. */
export function EstimatorSettings() {
  const store = useEditorStore();
  const e = useTrainingSettings().estimator;
  const params = useOptionalRun((s) => s.load?.plan?.totalParams ?? null, null);
  const choose = (kind: EstimatorKindSetting) => {
    const t = currentTraining(store);
    if (t.estimator.kind !== kind) store.getState().setTraining({ ...t, estimator: { ...t.estimator, kind } });
  };
  return (
    <section className="bp-train-section" aria-label="Gradient settings">
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">Gradient</h3>
      </header>
      <div className="bp-train-fields">
        <div className="bp-train-fields__wide">
          <SelectField label="Gradient from" name="training-estimator" value={e.kind} options={KIND_OPTIONS} onChange={choose} />
        </div>
        {e.kind === 'forward-gradient' && <SettingField field="tangents" />}
        {e.kind === 'spsa' && <SettingField field="perturbations" />}
      </div>
      <p className="bp-estimator-note" data-testid="estimator-description">
        {estimatorChoice(e.kind).description}
        {params !== null && <> {stepCostText(e, params)}</>}
      </p>
    </section>
  );
}

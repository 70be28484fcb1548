import { useId, useState } from 'react';
import type { OptimizerKind } from '../../model';
import { useEditorStore } from '../../editor/use-editor';
import { SelectField, SettingField } from './SettingField';
import { OPTIMIZERS, optimizerChoice } from './settings-fields';
import { trainingIcons } from './training-icons';
import { currentTraining, useTrainingSettings } from './use-training';

const KIND_OPTIONS = OPTIMIZERS.map((o) => ({ value: o.kind, label: o.label }));

/** The optimizer and its settings; the ones rarely changed (ρ, β₁, β₂, ε) under "Advanced". */
export function OptimizerSettings() {
  const store = useEditorStore();
  const o = useTrainingSettings().optimizer;
  const choice = optimizerChoice(o.kind);
  const [open, setOpen] = useState(false);
  const advancedId = useId();
  const choose = (kind: OptimizerKind) => {
    const t = currentTraining(store);
    if (t.optimizer.kind !== kind) store.getState().setTraining({ ...t, optimizer: { ...t.optimizer, kind } });
  };
  return (
    <section className="bp-train-section" aria-label="Optimizer settings">
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">Optimizer</h3>
      </header>
      <div className="bp-train-fields">
        <div className="bp-train-fields__wide">
          <SelectField label="Optimizer" name="training-optimizer" value={o.kind} options={KIND_OPTIONS} onChange={choose} />
        </div>
        {choice.fields.map((f) => (
          <SettingField key={f} field={f} />
        ))}
      </div>
      {choice.advanced.length > 0 && (
        <>
          <button type="button" className="bp-disclosure" aria-expanded={open} aria-controls={advancedId} onClick={() => setOpen(!open)}>
            {trainingIcons.chevron}
            <span>Advanced</span>
          </button>
          <div id={advancedId} className="bp-train-fields" hidden={!open}>
            {choice.advanced.map((f) => (
              <SettingField key={f} field={f} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

import { useId, type ReactNode } from 'react';
import { useEditor, useEditorStore } from '../../editor/use-editor';
import { CommitField } from '../fields';
import { fieldError, fieldText, FIELDS, parseField, writeField, type FieldKey } from './settings-fields';
import { currentTraining, useTrainingSettings } from './use-training';

/**
 * One numeric training setting: validated as typed (the error beside the field), committed on
 * Enter or blur as one undo step, never committed while invalid. The seed goes to the
 * document's seed; every other field into its training settings.
 */
export function SettingField({ field, hint }: { field: FieldKey; hint?: boolean }) {
  const store = useEditorStore();
  const training = useTrainingSettings();
  const seed = useEditor((s) => s.doc.seed);
  const spec = FIELDS[field];
  return (
    <CommitField
      label={spec.label}
      name={`training-${field}`}
      value={fieldText(training, seed, field)}
      inputMode={spec.kind === 'integer' ? 'numeric' : 'decimal'}
      hint={hint ? spec.hint : undefined}
      validate={(t) => fieldError(spec, t)}
      commit={(t) => {
        const r = parseField(spec, t);
        if ('error' in r) return;
        const s = store.getState();
        if (field === 'seed') s.setSeed(r.value);
        else s.setTraining(writeField(currentTraining(store), field, r.value));
      }}
    />
  );
}

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** A menu that commits on change (one undo step per choice). */
export function SelectField<T extends string>({ label, value, options, onChange, name, children }: { label: string; value: T; options: readonly SelectOption<T>[]; onChange(v: T): void; name: string; children?: ReactNode }) {
  const id = useId();
  return (
    <div className="bp-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}

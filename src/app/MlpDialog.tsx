import { useId, useState, type FormEvent } from 'react';
import { useScreenStore } from '../editor/screen/use-screen';
import { useEditorStore } from '../editor/use-editor';
import { Dialog } from './Dialog';
import { MLP_ACTIVATIONS } from '../model';
import { validateMlpForm, type MlpField, type MlpFormValues } from './mlp-form';

function initialValues(store: ReturnType<typeof useEditorStore>): MlpFormValues {
  const { doc, analysis } = store.getState();
  const input = doc.nodes.find((n) => n.type === 'Input');
  const features = (input?.params as { features?: number } | undefined)?.features;
  return {
    inFeatures: String(features ?? 2),
    numClasses: String(analysis.plan?.outputFeatures ?? 3),
    hidden: '32, 32',
    activation: 'relu',
    dropout: '0',
    mode: 'replace',
  };
}

/** The homework's MLP constructor as a form: builds the chain with its loss and fits the view. */
export function MlpDialog({ onClose }: { onClose(): void }) {
  const store = useEditorStore();
  const screen = useScreenStore();
  const [values, setValues] = useState<MlpFormValues>(() => initialValues(store));
  const [errors, setErrors] = useState<Partial<Record<MlpField, string>>>({});
  const id = useId();
  const set = <K extends keyof MlpFormValues>(k: K, v: MlpFormValues[K]) => {
    setValues((old) => ({ ...old, [k]: v }));
    if (k in errors) setErrors((old) => ({ ...old, [k]: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = validateMlpForm(values);
    if (!r.ok) {
      setErrors(r.errors);
      const first = (['inFeatures', 'numClasses', 'hidden', 'dropout'] as const).find((f) => r.errors[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    store.getState().buildMlp(r.spec, values.mode);
    const layers = r.spec.hiddenFeatures.length + 1;
    screen.getState().requestFitView();
    screen.getState().notify(`Built an MLP with ${layers} Linear ${layers === 1 ? 'layer' : 'layers'}.`, 'success');
    onClose();
  };

  const field = (name: MlpField, label: string, hint: string, inputMode: 'numeric' | 'decimal' | 'text') => {
    const err = errors[name];
    return (
      <div className="bp-field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          value={values[name]}
          onChange={(e) => set(name, e.target.value)}
          aria-invalid={err ? true : undefined}
          aria-describedby={`${id}-${name}-hint${err ? ` ${id}-${name}-err` : ''}`}
          data-autofocus={name === 'inFeatures' ? true : undefined}
        />
        <span id={`${id}-${name}-hint`} className="bp-field__hint">
          {hint}
        </span>
        {err && (
          <span id={`${id}-${name}-err`} className="bp-field__error" role="alert">
            {err}
          </span>
        )}
      </div>
    );
  };

  return (
    <Dialog
      title="Build MLP"
      description="Lays out MLP(in_features, num_classes, hidden_features, activation, dropout) as a chain ending in a cross-entropy loss."
      onClose={onClose}
      width={500}
      footer={
        <>
          <button type="button" className="bp-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={`${id}-form`} className="bp-button bp-button--primary">
            Build
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="bp-form" onSubmit={submit} noValidate>
        <div className="bp-form__row">
          {field('inFeatures', 'In features', 'Features of each sample.', 'numeric')}
          {field('numClasses', 'Classes', 'Outputs of the last Linear.', 'numeric')}
        </div>
        {field('hidden', 'Hidden sizes', 'Comma separated, e.g. 100, 50, 100. Empty: no hidden layer.', 'text')}
        <div className="bp-form__row">
          <div className="bp-field">
            <label htmlFor={`${id}-activation`}>Activation</label>
            <select id={`${id}-activation`} value={values.activation} onChange={(e) => set('activation', e.target.value as MlpFormValues['activation'])}>
              {MLP_ACTIVATIONS.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.label} ({a.name})
                </option>
              ))}
            </select>
          </div>
          {field('dropout', 'Dropout', '0 for none; else 0 < p < 1 after each activation.', 'decimal')}
        </div>
        <fieldset className="bp-radio-group">
          <legend>Graph</legend>
          <label>
            <input type="radio" name={`${id}-mode`} checked={values.mode === 'replace'} onChange={() => set('mode', 'replace')} /> Replace the current graph
          </label>
          <label>
            <input type="radio" name={`${id}-mode`} checked={values.mode === 'add'} onChange={() => set('mode', 'add')} /> Add beside it
          </label>
        </fieldset>
      </form>
    </Dialog>
  );
}

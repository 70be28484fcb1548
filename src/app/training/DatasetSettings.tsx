import { useMemo } from 'react';
import type { DigitsProgress } from '../../runtime';
import { formatValue } from '../../viz';
import type { DatasetKind } from '../../model';
import { useRun } from '../../editor/run/use-run';
import { useEditorStore } from '../../editor/use-editor';
import { DiagnosticsList } from '../DiagnosticsList';
import { csvColumns, plural, type CsvTarget } from './csv-data';
import { csvErrorPlace } from './CsvErrorsDialog';
import { useCsvLoader } from './use-csv-loader';
import { applyDataFix, dataFixes, withDatasetKind } from './data-fixes';
import { SelectField, SettingField } from './SettingField';
import { DATASETS, datasetChoice } from './settings-fields';
import { trainingIcons } from './training-icons';
import { currentTraining, useTrainingSettings } from './use-training';

/** The digits the mnist package holds: all of them by default. */
const DIGITS_TOTAL = 10_000;

const KIND_OPTIONS = DATASETS.map((d) => ({ value: d.kind, label: d.label }));
const CSV_TARGETS: { value: CsvTarget; label: string }[] = [
  { value: 'class', label: 'Class labels' },
  { value: 'number', label: 'Numbers to fit (regression)' },
];

/** The settings with a built-in dataset (a CSV the settings held is dropped with it). */

/**
 * Which data to train on: a built-in dataset with its sample count, noise and classes, the
 * homework's random batch, or the user's own CSV (file picker, label column); the test
 * split; what the data is; and where it does not fit the graph, with a fix.
 */
export function DatasetSettings() {
  const store = useEditorStore();
  const training = useTrainingSettings();
  const d = training.dataset;
  const choice = datasetChoice(d.kind);
  const load = useRun((s) => s.load);
  const progress = useRun((s) => s.dataProgress);
  const csv = useCsvLoader();
  const columns = useMemo(() => (d.kind === 'csv' && d.csv ? csvColumns(d.csv.text) : []), [d.kind, d.csv]);
  // The engine reloads on every change the fixes depend on, so `load` is the key; the graph is read at that moment.
  const fixes = useMemo(() => dataFixes(store.getState().doc, load, currentTraining(store)), [store, load]);

  const chooseKind = (kind: DatasetKind) => {
    if (kind === d.kind) return;
    if (kind === 'csv') {
      csv.pick();
      return;
    }
    // The Input follows a built-in dataset's features (784 pixels for the digits). A random batch takes the Input as it is.
    const next = withDatasetKind(currentTraining(store), kind);
    if (kind === 'digits') next.dataset = { ...next.dataset, samples: DIGITS_TOTAL, classes: 10 };
    store.getState().setTrainingData(next, datasetChoice(kind).features);
  };

  const info = load?.dataset;
  const plan = load?.plan;
  return (
    <section className="bp-train-section" aria-label="Data settings">
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">Dataset</h3>
      </header>
      <div className="bp-train-fields">
        <div className="bp-train-fields__wide">
          <SelectField label="Dataset" name="training-dataset" value={d.kind} options={KIND_OPTIONS} onChange={chooseKind}>
            <span className="bp-field__hint">{choice.description}</span>
          </SelectField>
        </div>
        {d.kind === 'csv' && d.csv && (
          <div className="bp-csv bp-train-fields__wide">
            <div className="bp-csv__file">
              {trainingIcons.file}
              <span className="bp-csv__name" title={d.csv.name}>
                {d.csv.name}
              </span>
              <button type="button" className="bp-button bp-button--small" onClick={() => csv.pick()}>
                Choose another…
              </button>
            </div>
            {columns.length >= 2 && (
              <SelectField
                label="Label column"
                name="training-label-column"
                value={d.csv.label_column ?? columns[columns.length - 1]}
                options={columns.map((c) => ({ value: c, label: c }))}
                onChange={(c) => csv.apply(d.csv!.text, d.csv!.name, c, d.csv!.target ?? 'class')}
              >
                <span className="bp-field__hint">The other columns are the features.</span>
              </SelectField>
            )}
            <SelectField
              label="It holds"
              name="training-csv-target"
              value={d.csv.target ?? 'class'}
              options={CSV_TARGETS}
              onChange={(t) => csv.apply(d.csv!.text, d.csv!.name, d.csv!.label_column, t)}
            >
              <span className="bp-field__hint">Classes to tell apart (cross-entropy loss), or a number per sample to fit (MSE loss).</span>
            </SelectField>
          </div>
        )}
        {choice.fields.map((f) => (
          <SettingField key={f} field={f} />
        ))}
        {d.kind !== 'digits' && <SettingField field="test_percent" />}
      </div>
      {csv.elements}
      {d.kind === 'csv' && !d.csv && (
        <button type="button" className="bp-button" onClick={() => csv.pick()}>
          {trainingIcons.file}
          <span>Choose a CSV file…</span>
        </button>
      )}
      {progress && <DataProgress progress={progress} />}
      {info && (
        <p className="bp-train-info" data-testid="dataset-info">
          {plural(info.samples, 'sample')}: {info.train.toLocaleString('en-US')} training, {info.test.toLocaleString('en-US')} test · {plural(info.features, 'feature')} ·{' '}
          {info.targetRange
            ? `1 number to fit (${info.targetName ?? 'y'}, from ${formatValue(info.targetRange[0])} to ${formatValue(info.targetRange[1])})`
            : plural(info.classes, 'class', 'classes')}
          {!info.targetRange && info.classNames && info.classNames.length <= 8 ? ` (${info.classNames.join(', ')})` : ''}
        </p>
      )}
      {d.kind === 'random' && plan && (
        <p className="bp-train-info">
          Features and classes follow the model: the Input&apos;s {plan.inputFeatures} features and the last layer&apos;s {plan.outputFeatures} outputs.
        </p>
      )}
      {load && (load.dataErrors.length > 0 || load.dataDiagnostics.length > 0) && (
        <div className="bp-train-problems" role="group" aria-label="Data problems">
          {load.dataErrors.length > 0 && (
            <ul className="bp-diagnostics bp-diagnostics--compact">
              {load.dataErrors.map((e, i) => (
                <li key={i} className="bp-diagnostics__item">
                  <span className="bp-sev bp-sev--error" role="img" aria-label="Error" />
                  <span className="bp-diagnostics__message">
                    {csvErrorPlace(e) && <b>{csvErrorPlace(e)}: </b>}
                    {e.message}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {load.dataDiagnostics.length > 0 && <DiagnosticsList diagnostics={load.dataDiagnostics} empty="" compact />}
          {fixes.map((f) => (
            <button
              key={f.label}
              type="button"
              className="bp-button bp-button--small"
              onClick={() => applyDataFix(store, f, currentTraining(store), csv.pick)}
            >
              {f.label}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

const MB = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The data arriving in the engine: a bar when their size is known, the bytes so far always. */
function DataProgress({ progress }: { progress: DigitsProgress }) {
  const { loaded, total } = progress;
  return (
    <div className="bp-train-info" data-testid="data-progress" role="status">
      Loading the digits: {MB(loaded)} MB{total ? ` of ${MB(total)} MB` : ''}
      {total ? <progress max={total} value={loaded} aria-label="Digits loaded" style={{ width: '100%' }} /> : null}
    </div>
  );
}

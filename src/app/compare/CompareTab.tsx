import { useEffect, useState } from 'react';
import { useShallow } from '../../editor/use-shallow';
import { useCompare, useCompareStore } from '../../editor/compare/use-compare';
import { DEFAULT_TARGET_LOSS, type CompareForm } from '../../editor/compare/compare-store';
import { useRun } from '../../editor/run/use-run';
import { useEditor } from '../../editor/use-editor';
import { MAX_COMPARE_STEPS, MAX_TIME_BUDGET_MS } from '../../runtime';
import { LineChart, Segmented } from '../../viz';
import { CommitField } from '../fields';
import { ESTIMATORS } from '../training/estimator-choices';
import { useTrainingSettings } from '../training/use-training';
import { AnswerPanel } from './AnswerPanel';
import { CodeLayersNote } from './CodeLayersNote';
import { ForwardGradientStep } from './ForwardGradientStep';
import { AXES, CompareSeries, COSINE_WINDOW, type CompareAxis } from './compare-series';
import './compare.css';

const CHART_HEIGHT = 180;
/** The cosine's scale is fitted to the run, always from 0 (orthogonal to the true gradient), so a band of small cosines is not lost in [−1, 1]. */
const COSINE_INCLUDE = [0] as const;

/** The chart series of the comparison on show, fed as its points stream in. */
function useCompareSeries(): CompareSeries | null {
  const store = useCompareStore();
  const [series, setSeries] = useState<CompareSeries | null>(null);
  useEffect(() => {
    let run = -1;
    let current: CompareSeries | null = null;
    const follow = () => {
      const s = store.getState();
      if (!s.options) return;
      if (s.run !== run) {
        run = s.run;
        current = new CompareSeries(s.options);
        setSeries(current);
      }
      current!.sync(s.points);
    };
    follow();
    return store.subscribe(follow);
  }, [store]);
  return series;
}

function numberField(text: string, label: string, min: number, max: number, integer: boolean): string | null {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) return `${label} must be a number`;
  if (integer && !Number.isInteger(v)) return `${label} must be a whole number`;
  if (v < min || v > max) return `${label} must be from ${min} to ${max}`;
  return null;
}

/** The document's target loss when it sets one; the form's own once typed. */
function useTargetLoss(form: CompareForm): number {
  const training = useTrainingSettings();
  return form.targetLoss ?? (training.target_loss > 0 ? training.target_loss : DEFAULT_TARGET_LOSS);
}

function Setup() {
  const store = useCompareStore();
  const { form, status, error } = useCompare(useShallow((s) => ({ form: s.form, status: s.status, error: s.error })));
  const estimator = useTrainingSettings().estimator;
  const loaded = useRun((s) => !!s.load?.ok);
  const training = useRun((s) => s.training.state === 'running' || s.training.state === 'paused');
  const canRun = loaded && !training;
  const target = useTargetLoss(form);
  const running = status === 'running';
  const toggle = (kind: CompareForm['kinds'][number]) => {
    const kinds = form.kinds.includes(kind) ? form.kinds.filter((k) => k !== kind) : ESTIMATORS.map((e) => e.kind).filter((k) => k === kind || form.kinds.includes(k));
    store.getState().setForm({ kinds });
  };
  return (
    <section className="bp-compare__setup" aria-label="Comparison setup">
      <fieldset className="bp-compare__kinds" disabled={running}>
        <legend>Estimators</legend>
        {ESTIMATORS.map((e) => (
          <label key={e.kind} title={e.description}>
            <input type="checkbox" name={`compare-${e.kind}`} checked={form.kinds.includes(e.kind)} onChange={() => toggle(e.kind)} />
            {e.label}
          </label>
        ))}
      </fieldset>
      <div className="bp-compare__fields">
        <CommitField
          label="Steps each"
          name="compare-steps"
          inputMode="numeric"
          value={String(form.steps)}
          validate={(t) => numberField(t, 'Steps', 1, MAX_COMPARE_STEPS, true)}
          commit={(t) => store.getState().setForm({ steps: Number(t) })}
        />
        <CommitField
          label="Time budget each (s)"
          name="compare-time"
          inputMode="decimal"
          value={String(form.timeBudgetS)}
          validate={(t) => numberField(t, 'Time budget', 0.1, MAX_TIME_BUDGET_MS / 1000, false)}
          commit={(t) => store.getState().setForm({ timeBudgetS: Number(t) })}
        />
        <CommitField
          label="Target loss"
          name="compare-target"
          inputMode="decimal"
          value={String(target)}
          validate={(t) => numberField(t, 'Target loss', 0, 1e6, false)}
          commit={(t) => store.getState().setForm({ targetLoss: Number(t) })}
        />
      </div>
      <div className="bp-compare__actions">
        {running ? (
          <button type="button" className="bp-button bp-button--small" onClick={() => store.getState().stop()}>
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="bp-button bp-button--primary bp-button--small"
            disabled={!canRun || form.kinds.length === 0}
            title={
              training ? 'Training is under way in the Training panel: stop it (or let it finish) to compare.'
              : !loaded ? 'Needs a model that compiles and data that fits it'
              : 'Train the model from its initial weights with each estimator in turn'
            }
            onClick={() => void store.getState().start(estimator, target)}
          >
            Compare
          </button>
        )}
        <CompareStatusLine />
      </div>
      {error && (
        <p className="bp-train-note bp-train-note--error" role="alert">
          {error}
        </p>
      )}
      <p className="bp-compare__note">Same seed, initial weights, batches and optimizer for each; forward gradient and SPSA use the Gradient section’s directions and perturbations per step.</p>
      <CodeLayersNote />
    </section>
  );
}

function CompareStatusLine() {
  const { status, tracks, options } = useCompare(useShallow((s) => ({ status: s.status, tracks: s.tracks, options: s.options })));
  if (!options || status === 'idle') return null;
  const i = tracks.findIndex((t) => !t || !t.end);
  const text =
    status === 'running' && i >= 0
      ? `Running ${tracks[i]?.label ?? options.estimators[i].kind} (${i + 1} of ${options.estimators.length}), step ${tracks[i]?.steps ?? 0}`
      : status === 'done' ? 'Done.'
      : status === 'cancelled' ? 'Stopped.'
      : status === 'error' ? 'Failed.'
      : '';
  return (
    <span className="bp-compare__status" data-testid="compare-status" data-status={status} role="status">
      {text}
    </span>
  );
}

function Charts() {
  const series = useCompareSeries();
  const [axis, setAxis] = useState<CompareAxis>('step');
  const a = AXES.find((x) => x.value === axis)!;
  if (!series) return <p className="bp-compare__empty">Choose estimators and press Compare: each trains the model from the same start, one after another.</p>;
  return (
    <section className="bp-compare__charts" aria-label="Comparison curves">
      <div className="bp-chart-head">
        <h4>Training loss (mean of the last 10 steps)</h4>
        <Segmented label="x-axis" value={axis} options={AXES.map((x) => ({ value: x.value, label: x.label, title: x.title }))} onChange={setAxis} />
      </div>
      <div data-testid="compare-loss-chart" data-axis={axis}>
        <LineChart key={`loss-${axis}`} series={series.loss[axis]} height={CHART_HEIGHT} xLabel={a.xLabel} />
      </div>
      {series.cosine[axis].length > 0 && (
        <>
          <div className="bp-chart-head">
            <h4 title="Computed by a backprop pass on the side each step; a diagnostic, not used for the update. Each step faint, its mean over the last steps as the line.">
              cos(estimate, true gradient): mean of the last {COSINE_WINDOW} steps, each step faint — diagnostic, not used for the update
            </h4>
          </div>
          <div data-testid="compare-cosine-chart">
            <LineChart key={`cos-${axis}`} series={series.cosine[axis]} height={CHART_HEIGHT - 30} xLabel={a.xLabel} showScaleSwitch={false} yInclude={COSINE_INCLUDE} />
          </div>
        </>
      )}
    </section>
  );
}

/** "Is backprop required?": estimators trained side by side, their curves and the answer with this run's numbers. */
export function CompareTab() {
  const hasDoc = useEditor((s) => s.doc.nodes.length > 0);
  return (
    <div className="bp-compare-wrap">
      <div className="bp-compare" data-testid="compare-tab">
        <Setup />
        <div className="bp-compare__middle">
          {hasDoc && <Charts />}
          <ForwardGradientStep />
        </div>
        <AnswerPanel />
      </div>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { useRun, useRunStore } from '../../editor/run/use-run';
import { useScreen } from '../../editor/screen/use-screen';
import { downloadFile, fileStem } from '../../editor/io/download';
import { useEditorStore } from '../../editor/use-editor';
import { LineChart, type YScaleType } from '../../viz';
import { CurveSeries, curveCsv, latestRun } from './curve-series';
import { trainingIcons } from './training-icons';

const ACCURACY_DOMAIN = [0, 1] as const;
const SIDE_CHART_HEIGHT = 140;
const SCALES: readonly YScaleType[] = ['linear', 'log'];
const SCALE_KEY = 'backprop-studio:loss-scale';

const formatAccuracy = (v: number): string => `${Math.round(v * 1000) / 10}%`;
const formatR2 = (v: number): string => String(Math.round(v * 100) / 100);

function savedScale(): YScaleType {
  try {
    return localStorage.getItem(SCALE_KEY) === 'log' ? 'log' : 'linear';
  } catch {
    return 'linear';
  }
}

/** The loss axis, shared by every loss chart on show and remembered across visits. */
const useLossScale = create<{ scale: YScaleType; set(t: YScaleType): void }>()((set) => ({
  scale: savedScale(),
  set(scale) {
    set({ scale });
    try {
      localStorage.setItem(SCALE_KEY, scale);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this visit.
    }
  },
}));

/**
 * Chart series that follow the run store's training history. The store appends points in
 * place; a subscription feeds only the new ones to the buffers, so the charts redraw once
 * per frame without React rendering anything per point.
 */
function useCurveSeries(): CurveSeries {
  const runStore = useRunStore();
  const [series] = useState(() => new CurveSeries());
  useEffect(() => {
    series.sync(runStore.getState().training.curves);
    return runStore.subscribe((s, prev) => {
      if (s.training.curves !== prev.training.curves) series.sync(s.training.curves);
    });
  }, [runStore, series]);
  return series;
}

function LossScaleSwitch() {
  const { scale, set } = useLossScale();
  return (
    <div className="bpv">
      <div className="bpv-seg" role="group" aria-label="Loss scale">
        {SCALES.map((t) => (
          <button key={t} type="button" aria-pressed={scale === t} onClick={() => set(t)}>
            {t}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Downloads every point of the latest run as CSV. */
function CsvButton() {
  const runStore = useRunStore();
  const editor = useEditorStore();
  const hasPoints = useRun((s) => s.training.curves.points.length > 0);
  const download = () => {
    const name = `${fileStem(editor.getState().doc.name)}-curves.csv`;
    downloadFile(name, curveCsv(latestRun(runStore.getState().training.curves.points)), 'text/csv');
  };
  return (
    <button type="button" className="bp-button bp-button--ghost bp-button--small" disabled={!hasPoints} title="Download every point of the curves as CSV" onClick={download}>
      {trainingIcons.download}
      <span>CSV</span>
    </button>
  );
}

function LossChart({ series, height }: { series: CurveSeries; height: number }) {
  const scale = useLossScale((s) => s.scale);
  return (
    <div role="group" aria-label="Loss curve" data-testid="loss-chart" data-scale={scale}>
      <LineChart series={series.loss} height={height} yScale={scale} showScaleSwitch={false} />
    </div>
  );
}

function AccuracyChart({ series, height }: { series: CurveSeries; height: number }) {
  return (
    <div role="group" aria-label="Accuracy curve" data-testid="accuracy-chart">
      <LineChart series={series.accuracy} height={height} yDomain={ACCURACY_DOMAIN} formatY={formatAccuracy} showScaleSwitch={false} />
    </div>
  );
}

/** R² from 0 (no better than predicting the mean; a worse fit falls below the chart) to 1 (a perfect fit). */
function R2Chart({ series, height }: { series: CurveSeries; height: number }) {
  return (
    <div role="group" aria-label="R² curve" data-testid="r2-chart">
      <LineChart series={series.r2} height={height} yDomain={ACCURACY_DOMAIN} formatY={formatR2} showScaleSwitch={false} />
    </div>
  );
}

/** How well the model does beside its loss: accuracy for a classifier, R² for a regression model. */
function ScoreChart(props: { series: CurveSeries; height: number }) {
  const regression = useRun((s) => s.load?.plan?.task === 'regression');
  return regression ? <R2Chart {...props} /> : <AccuracyChart {...props} />;
}

function ScoreTitle() {
  const regression = useRun((s) => s.load?.plan?.task === 'regression');
  return <h4>{regression ? 'R²' : 'Accuracy'}</h4>;
}

/** Loss and accuracy (R² for regression) against steps, one above the other (the Training tab); training solid, test dashed. */
export function TrainingCharts() {
  const series = useCurveSeries();
  return (
    <section className="bp-train-section" aria-label="Curves">
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">Curves</h3>
        <CsvButton />
      </header>
      <div className="bp-chart-head">
        <h4>Loss</h4>
        <LossScaleSwitch />
      </div>
      <LossChart series={series} height={SIDE_CHART_HEIGHT} />
      <div className="bp-chart-head">
        <ScoreTitle />
      </div>
      <ScoreChart series={series} height={SIDE_CHART_HEIGHT} />
    </section>
  );
}

/** Space the bottom panel takes around a chart: its tab bar, padding, the heading and the chart's legend row. */
const BOTTOM_CHROME = 34 + 12 + 26 + 24;

/** Loss and accuracy side by side, as wide as the canvas (the bottom panel's Curves tab). */
export function CurvesTab() {
  const series = useCurveSeries();
  const panelHeight = useScreen((s) => s.panelHeight);
  const height = Math.max(90, panelHeight - BOTTOM_CHROME);
  return (
    <div className="bp-curves-tab" data-testid="curves-tab">
      <section aria-label="Loss">
        <div className="bp-chart-head">
          <h4>Loss</h4>
          <LossScaleSwitch />
        </div>
        <LossChart series={series} height={height} />
      </section>
      <section aria-label="Accuracy">
        <div className="bp-chart-head">
          <ScoreTitle />
          <CsvButton />
        </div>
        <ScoreChart series={series} height={height} />
      </section>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useRun, useRunStore } from '../../editor/run/use-run';
import { downloadFile, fileStem } from '../../editor/io/download';
import { useEditorStore } from '../../editor/use-editor';
import { LineChart, type YScaleType } from '../../viz';
import { CurveSeries, curveCsv, latestRun } from './curve-series';
import { trainingIcons } from './training-icons';

const ACCURACY_DOMAIN = [0, 1] as const;
const CHART_HEIGHT = 140;
const SCALES: readonly YScaleType[] = ['linear', 'log'];
const SCALE_KEY = 'backprop-studio:loss-scale';

const formatAccuracy = (v: number): string => `${Math.round(v * 1000) / 10}%`;

function savedScale(): YScaleType {
  try {
    return localStorage.getItem(SCALE_KEY) === 'log' ? 'log' : 'linear';
  } catch {
    return 'linear';
  }
}

/**
 * Loss and accuracy against steps, training solid and test dashed. The run store appends
 * points in place; a store subscription feeds only the new ones to the charts' buffers, so
 * the charts redraw once per frame without React rendering anything per point.
 */
export function TrainingCharts() {
  const runStore = useRunStore();
  const editor = useEditorStore();
  const [series] = useState(() => new CurveSeries());
  const [scale, setScale] = useState<YScaleType>(savedScale);
  const hasPoints = useRun((s) => s.training.curves.points.length > 0);

  useEffect(() => {
    series.sync(runStore.getState().training.curves);
    return runStore.subscribe((s, prev) => {
      if (s.training.curves !== prev.training.curves) series.sync(s.training.curves);
    });
  }, [runStore, series]);

  const changeScale = useCallback((t: YScaleType) => {
    setScale(t);
    try {
      localStorage.setItem(SCALE_KEY, t);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this view.
    }
  }, []);

  const download = () => {
    const name = `${fileStem(editor.getState().doc.name)}-curves.csv`;
    downloadFile(name, curveCsv(latestRun(runStore.getState().training.curves.points)), 'text/csv');
  };

  return (
    <section className="bp-train-section" aria-label="Curves">
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">Curves</h3>
        <button type="button" className="bp-button bp-button--ghost bp-button--small" disabled={!hasPoints} title="Download every point of the curves as CSV" onClick={download}>
          {trainingIcons.download}
          <span>CSV</span>
        </button>
      </header>
      <div className="bp-chart-head">
        <h4>Loss</h4>
        <div className="bpv">
          <div className="bpv-seg" role="group" aria-label="Loss scale">
            {SCALES.map((t) => (
              <button key={t} type="button" aria-pressed={scale === t} onClick={() => changeScale(t)}>
                {t}
              </button>
            ))}
          </div>
        </div>
      </div>
      <div role="group" aria-label="Loss curve" data-testid="loss-chart" data-scale={scale}>
        <LineChart series={series.loss} height={CHART_HEIGHT} yScale={scale} showScaleSwitch={false} />
      </div>
      <div className="bp-chart-head">
        <h4>Accuracy</h4>
      </div>
      <div role="group" aria-label="Accuracy curve" data-testid="accuracy-chart">
        <LineChart series={series.accuracy} height={CHART_HEIGHT} yDomain={ACCURACY_DOMAIN} formatY={formatAccuracy} showScaleSwitch={false} />
      </div>
    </section>
  );
}

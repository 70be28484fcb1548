import { useEffect, useMemo, useState } from 'react';
import type { Plan } from '../../model';
import { useRun, useRunStore } from '../../editor/run/use-run';
import { useScreen } from '../../editor/screen/use-screen';
import { GradNormChart, GradNormSeries } from '../../viz';

/** The layers the chart follows: those with parameters, titled "fc3 · Linear(16 → 16)". */
export function gradNormLayers(plan: Plan): { id: string; title: string }[] {
  return plan.layers.filter((l) => l.paramCount > 0).map((l) => ({ id: l.nodeId, title: `${l.nodeId} · ${l.title}` }));
}

/**
 * The bottom panel's Gradient norms tab: ‖∂L/∂θ‖ of each layer over the training steps on a
 * log axis. It follows the run store's growing history without re-rendering: new points are
 * appended to the chart's series from a store subscription; a new history (another model,
 * reset weights) clears them.
 */
export function GradNormsTab() {
  const store = useRunStore();
  const plan = useRun((s) => s.load?.plan ?? null);
  const layersKey = plan ? JSON.stringify(gradNormLayers(plan)) : '';
  const series = useMemo(() => (layersKey ? new GradNormSeries(JSON.parse(layersKey) as { id: string; title: string }[], 'params') : null), [layersKey]);
  const [count, setCount] = useState(0);
  const panelHeight = useScreen((s) => s.panelHeight);

  useEffect(() => {
    if (!series) return;
    let source = store.getState().training.curves.gradNorms;
    let fed = 0;
    const feed = () => {
      const curves = store.getState().training.curves;
      if (curves.gradNorms !== source) {
        source = curves.gradNorms;
        fed = 0;
        series.clear();
      }
      if (source.length > fed) {
        series.append(source.slice(fed));
        fed = source.length;
      }
      setCount(fed);
    };
    series.clear();
    feed();
    return store.subscribe((s, prev) => {
      if (s.training.curves !== prev.training.curves) feed();
    });
  }, [store, series]);

  if (!series || series.series.length === 0) return <p className="bp-empty">No layer with parameters to follow.</p>;
  return (
    <div className="bp-watch-tab bp-gradnorms" data-testid="gradnorm-tab" data-points={count}>
      {count === 0 && <p className="bp-watch-lead">Train the network to draw each layer's parameter-gradient norm over the steps (log scale): vanishing gradients fan out downwards.</p>}
      {/* The legend above the plot takes a row per ~4 layers. */}
      <GradNormChart series={series.series} height={Math.max(150, panelHeight - 70 - 22 * Math.ceil(series.series.length / 4) - (count === 0 ? 24 : 0))} title="‖∂L/∂θ‖ per layer" />
    </div>
  );
}

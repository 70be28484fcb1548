import { useRef } from 'react';
import { useRun } from '../../editor/run/use-run';
import { useEditor } from '../../editor/use-editor';
import { DecisionBoundaryView, useElementWidth } from '../../viz';
import { plural } from './csv-data';

/** The boundary view's axis margins (left 36 + right 8), outside its plot's `size`. */
const VIEW_MARGIN = 44;

/**
 * The data on the input plane, training points filled and test points as rings, under the
 * network's decision boundary once training has drawn one (every K steps). Before training
 * it is the preview of the data. For inputs with other than 2 features it says what the data is.
 */
export function BoundarySection() {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref, 300);
  const boundary = useRun((s) => s.training.boundary);
  const points = useRun((s) => s.points);
  const dataset = useRun((s) => s.load?.dataset ?? null);
  const features = useRun((s) => s.load?.plan?.inputFeatures ?? null);
  const settings = useEditor((s) => s.doc.training !== undefined);
  const twoD = !!points && points.features === 2;
  const names = dataset?.featureNames;
  const featureNames = names && names.length === 2 && names.join() !== 'x1,x2' ? ([names[0], names[1]] as const) : undefined;
  const shown = twoD ? boundary : null;

  return (
    <section className="bp-train-section" aria-label={shown ? 'Decision boundary' : 'Data'}>
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">{shown ? 'Decision boundary' : 'Data'}</h3>
        {dataset && (
          <span className="bp-train-section__meta">
            {dataset.train.toLocaleString('en-US')} train · {dataset.test.toLocaleString('en-US')} test
          </span>
        )}
      </header>
      <div ref={ref} className="bp-train-boundary" data-testid="decision-boundary" data-boundary-step={shown ? String(shown.step) : ''}>
        {twoD ? (
          <DecisionBoundaryView boundary={shown} points={points} featureNames={featureNames} size={Math.max(120, width - VIEW_MARGIN)} />
        ) : dataset ? (
          <p className="bp-train-empty">
            The decision boundary is drawn for 2 input features; this data has {plural(dataset.features, 'feature')}
            {dataset.featureNames.length <= 8 ? ` (${dataset.featureNames.join(', ')})` : ''} and {plural(dataset.classes, 'class', 'classes')}.
          </p>
        ) : (
          <p className="bp-train-empty">
            {features === null ? 'The graph has to compile before there is data to show.' : !settings ? 'No data: the model has no training settings yet.' : 'No data to show: see the problems under Dataset.'}
          </p>
        )}
      </div>
    </section>
  );
}

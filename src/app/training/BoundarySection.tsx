import { useRef } from 'react';
import { useRun } from '../../editor/run/use-run';
import { useEditor } from '../../editor/use-editor';
import { DecisionBoundaryView, FitView, useElementWidth } from '../../viz';
import { plural } from './csv-data';

/** The boundary view's axis margins (left 36 + right 8), outside its plot's `size`. */
const VIEW_MARGIN = 44;
/** The fit view's (left 40 + right 8). */
const FIT_MARGIN = 48;

/**
 * The data on the input plane, training points filled and test points as rings, under the
 * network's decision boundary once training has drawn one (every K steps). Before training
 * it is the preview of the data. For inputs with other than 2 features it says what the data is.
 * A regression model shows its fit instead (see FitSection).
 */
export function BoundarySection() {
  const regression = useRun((s) => !!s.load?.dataset?.targetRange);
  return regression ? <FitSection /> : <ClassesSection />;
}

function ClassesSection() {
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

/**
 * Regression data with the model's fit once training has drawn one: in 1-D the prediction
 * curve over the points, in 2-D the prediction as a colour surface under them. Before
 * training, the data alone; for more inputs, what the data is.
 */
function FitSection() {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref, 300);
  const fit = useRun((s) => s.training.fit ?? null);
  const points = useRun((s) => s.points);
  const dataset = useRun((s) => s.load?.dataset ?? null);
  const features = points?.features ?? 0;
  const drawable = !!points?.targets && (features === 1 || features === 2);
  const shown = drawable && fit && fit.features === features ? fit : null;
  const names = dataset?.featureNames;
  const featureNames = names && names.join() !== 'x1' && names.join() !== 'x1,x2' ? names : undefined;

  return (
    <section className="bp-train-section" aria-label={shown ? 'Fit' : 'Data'}>
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">{shown ? 'Fit' : 'Data'}</h3>
        {dataset && (
          <span className="bp-train-section__meta">
            {dataset.train.toLocaleString('en-US')} train · {dataset.test.toLocaleString('en-US')} test
          </span>
        )}
      </header>
      <div ref={ref} className="bp-train-boundary" data-testid="fit-view" data-fit-step={shown ? String(shown.step) : ''}>
        {drawable ? (
          <FitView fit={shown} points={points} featureNames={featureNames} targetName={dataset?.targetName} size={Math.max(120, width - FIT_MARGIN)} />
        ) : (
          dataset && (
            <p className="bp-train-empty">
              The fit is drawn for 1 or 2 input features; this data has {plural(dataset.features, 'feature')} and 1 number to fit ({dataset.targetName ?? 'y'}).
            </p>
          )
        )}
      </div>
    </section>
  );
}

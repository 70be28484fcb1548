import { useShallow } from '../../editor/use-shallow';
import { answerOf, formatCount, formatMs, type AnswerRow } from '../../editor/compare/answer';
import { useCompare } from '../../editor/compare/use-compare';
import { useRun } from '../../editor/run/use-run';
import type { CompareTrack } from '../../runtime';
import { ESTIMATOR_COLORS } from './compare-series';

function reachedText(r: AnswerRow): string {
  if (r.reached) return `step ${formatCount(r.reached.step)} · ${formatCount(r.reached.cost)} passes · ${formatMs(r.reached.ms)}`;
  const why = r.end === 'time' ? 'time budget' : r.end === 'diverged' ? 'diverged' : r.end === 'cancelled' ? 'stopped' : r.end === 'steps' ? 'step budget' : 'running';
  return `not within ${formatCount(r.steps)} steps (${why})`;
}

/** The question answered with the comparison's measurements; shown once an estimator has finished. */
export function AnswerPanel() {
  const { tracks, options, status } = useCompare(useShallow((s) => ({ tracks: s.tracks, options: s.options, status: s.status })));
  const params = useRun((s) => s.load?.plan?.totalParams ?? null);
  const finished = tracks.filter((t): t is CompareTrack => !!t && !!t.end && t.steps > 0);
  if (!options || params === null || finished.length === 0) return null;
  const answer = answerOf(finished, params, options.targetLoss);
  return (
    <section className="bp-compare__answer" aria-label="Is backprop required?" data-testid="compare-answer">
      <h3>Is backprop required?</h3>
      <p className="bp-compare__headline">
        {answer.headline}
        {status === 'running' && ' (so far)'}
      </p>
      <table className="bp-compare__table">
        <thead>
          <tr>
            <th scope="col">Estimator</th>
            <th scope="col" title="Forward-pass equivalents per step, counted: a JVP counts 1, a backward pass 2">Per step</th>
            <th scope="col">× backprop</th>
            <th scope="col">ms / step</th>
            <th scope="col">Reached target {options.targetLoss}</th>
            <th scope="col" title="Mean cosine between the estimate and the true gradient">cos</th>
          </tr>
        </thead>
        <tbody>
          {answer.rows.map((r) => (
            <tr key={r.kind}>
              <th scope="row">
                <span className="bp-compare__swatch" style={{ background: ESTIMATOR_COLORS[r.kind] }} aria-hidden="true" />
                {r.label}
              </th>
              <td>{formatCount(r.perStep)}</td>
              <td>{r.timesBackprop === null ? '—' : `${formatCount(r.timesBackprop)}×`}</td>
              <td>{r.msPerStep.toFixed(r.msPerStep >= 10 ? 0 : 2)}</td>
              <td>{reachedText(r)}</td>
              <td>{r.meanCosine === null ? '—' : r.meanCosine.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="bp-compare__facts">
        {answer.facts.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </section>
  );
}

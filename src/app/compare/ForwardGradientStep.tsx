import { useState } from 'react';
import { useRun, useRunStore } from '../../editor/run/use-run';
import type { ForwardGradientWalk } from '../../runtime';
import { formatValue } from '../../viz';

const fmt = (v: number): string => formatValue(v);

/**
 * One forward-gradient step, stepped through: the batch x, a random direction v over every
 * parameter, the tangent the JVP pushes forward layer by layer (each layer adding its part of
 * v), the scalar ∇L·v at the loss (checked against backprop), and the estimate g = (∇L·v)·v
 * the update uses.
 */
export function ForwardGradientStep() {
  const runStore = useRunStore();
  const ready = useRun((s) => !!s.load?.ok && !!s.load.plan?.lossNodeId && s.training.state !== 'running');
  const [walk, setWalk] = useState<ForwardGradientWalk | null>(null);
  const [shown, setShown] = useState(0);
  const [draws, setDraws] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const draw = async () => {
    setError(null);
    try {
      const w = await runStore.getState().forwardGradientStep(draws + 1);
      setDraws(draws + 1);
      setWalk(w);
      setShown(0);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const total = walk ? walk.layers.length + 1 : 0;
  const done = !!walk && shown >= total;
  return (
    <section className="bp-fgstep" aria-label="One forward-gradient step" data-testid="fg-step">
      <div className="bp-chart-head">
        <h4>One forward-gradient step</h4>
        <div className="bp-fgstep__buttons">
          <button type="button" className="bp-button bp-button--small" disabled={!ready} onClick={() => void draw()}>
            {walk ? 'New direction v' : 'Draw v'}
          </button>
          {walk && (
            <>
              <button type="button" className="bp-button bp-button--small" disabled={done} onClick={() => setShown(shown + 1)}>
                Next ›
              </button>
              <button type="button" className="bp-button bp-button--ghost bp-button--small" disabled={done} onClick={() => setShown(total)}>
                All
              </button>
            </>
          )}
        </div>
      </div>
      {error && <p className="bp-train-note bp-train-note--error">{error}</p>}
      {!walk && <p className="bp-compare__note">On the current batch: a random direction v over all parameters, its tangent pushed forward through each layer with the batch (a JVP), and the one number ∇L·v it gives at the loss. No backward pass.</p>}
      {walk && (
        <>
          <p className="bp-compare__note">
            x: the batch (‖x‖ {fmt(walk.inputNorm)}); v ~ N(0, I) over all {walk.params.toLocaleString('en-US')} parameters (‖v‖ {fmt(walk.tangentNorm)}); the tangent starts at 0 (x does not move).
          </p>
          <ol className="bp-fgstep__chain" data-testid="fg-step-chain">
            {walk.layers.slice(0, Math.min(shown, walk.layers.length)).map((l) => (
              <li key={l.nodeId}>
                <span className="bp-fgstep__arrow" aria-hidden="true">→</span>
                <strong>{l.title}</strong>
                {l.paramTangentNorm > 0 && <span> adds J<sub>θ</sub>·v<sub>θ</sub> (‖v<sub>θ</sub>‖ {fmt(l.paramTangentNorm)})</span>}
                <span className="bp-fgstep__norm">
                  ‖ṫ‖ {fmt(l.tangentNorm)} <span className="bp-fgstep__dim">(‖value‖ {fmt(l.valueNorm)})</span>
                </span>
              </li>
            ))}
          </ol>
          {done && (
            <div className="bp-fgstep__result" data-testid="fg-step-result">
              <p>
                At the loss: <strong>∇L·v = {fmt(walk.directional)}</strong> by the JVP; backprop’s ∇L dotted with v (a check, not part of the step): {fmt(walk.directionalByBackprop)}.
              </p>
              <p>
                The update uses g = (∇L·v)·v in place of ∇L: ‖g‖ {fmt(walk.estimateNorm)} against ‖∇L‖ {fmt(walk.gradientNorm)}, cos(g, ∇L) = {walk.cosine.toFixed(3)}. Right on average over v, but a single
                draw points mostly sideways.
              </p>
            </div>
          )}
        </>
      )}
    </section>
  );
}

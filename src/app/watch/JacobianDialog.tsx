import { useEffect, useState } from 'react';
import { layerKind } from '../../model';
import type { JacobianStructure, JacobianWrt } from '../../runtime';
import { useRun, useRunStore } from '../../editor/run/use-run';
import { useScreen } from '../../editor/screen/use-screen';
import { JacobianView } from '../../viz';
import { Dialog } from '../Dialog';

/**
 * The large view of the Jacobian on an edge: J of the layer the edge feeds, on the current
 * batch, with respect to its input — or, for a Linear, to W or b (fetched from the worker
 * when switched).
 */
export function JacobianDialog() {
  const nodeId = useScreen((s) => s.jacobianNodeId);
  const close = useScreen((s) => s.closeJacobian);
  if (!nodeId) return null;
  return <JacobianDialogBody key={nodeId} nodeId={nodeId} onClose={close} />;
}

function JacobianDialogBody({ nodeId, onClose }: { nodeId: string; onClose(): void }) {
  const store = useRunStore();
  const cached = useRun((s) => s.jacobians[nodeId] ?? null);
  const layer = useRun((s) => s.load?.plan?.layers.find((l) => l.nodeId === nodeId) ?? null);
  const [wrt, setWrt] = useState<JacobianWrt>('input');
  const [fetched, setFetched] = useState<JacobianStructure | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jacobian = wrt === 'input' && cached ? cached : fetched?.wrt === wrt ? fetched : null;
  // While another Jacobian loads the last one stays on show, so the switch keeps its focus.
  const [last, setLast] = useState<JacobianStructure | null>(null);
  if (jacobian && jacobian !== last) setLast(jacobian);
  const shown = jacobian ?? last;

  useEffect(() => {
    if (wrt === 'input' && cached) return;
    let live = true;
    setError(null);
    store
      .getState()
      .jacobian(nodeId, wrt)
      .then(
        (j) => live && setFetched(j),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [store, nodeId, wrt, cached]);

  const isLinear = !!layer && (layerKind(layer.type)?.weights.length ?? 0) > 0;
  return (
    <Dialog
      title={`Jacobian of ${layer?.title ?? nodeId}`}
      description={
        <>
          How each output of <code>{nodeId}</code> depends on each entry of {wrt === 'input' ? 'its input' : wrt === 'w' ? 'its weights W' : 'its bias b'}, on the current batch. Computed
          from its structure in the engine, never materialised.
        </>
      }
      onClose={onClose}
      width={900}
    >
      <div className="bp-jacobian-dialog" data-testid="jacobian-dialog">
        {error ? (
          <p className="bp-watch-error" role="alert">
            {error}
          </p>
        ) : shown ? (
          <div aria-busy={!jacobian}>
            <JacobianView jacobian={shown} size={380} onWrtChange={isLinear ? setWrt : undefined} />
          </div>
        ) : (
          <p className="bp-empty">Computing the Jacobian…</p>
        )}
      </div>
    </Dialog>
  );
}

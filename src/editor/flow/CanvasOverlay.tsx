import { Panel } from '@xyflow/react';
import { memo } from 'react';
import { GradientFlowLegend } from '../../viz';
import { useRun } from '../run/use-run';
import { gradientFlowOnShow } from '../run/views';
import { useScreen } from '../screen/use-screen';


/**
 * The canvas's top-right corner: the switch for the Jacobian thumbnails on the edges
 * (remembered), and under it a compact legend of the edges' gradient colouring while
 * gradients are on show.
 */
export const CanvasOverlay = memo(function CanvasOverlay() {
  const show = useScreen((s) => s.showJacobians);
  const setShow = useScreen((s) => s.setShowJacobians);
  const live = useScreen((s) => s.live);
  const setLive = useScreen((s) => s.setLive);
  const flow = useRun(gradientFlowOnShow);
  const haveJacobians = useRun((s) => Object.keys(s.jacobians).length > 0);
  return (
    <>
      <Panel position="top-right" className="bp-canvas-overlay">
        <div className="bp-canvas-overlay__switches">
          <button
            type="button"
            className="bp-switch"
            aria-pressed={live}
            title={live ? 'Live: a forward and backward pass on the current batch after every edit (click to stop)' : 'Live is off: figures appear after Forward or Backward (click to run a pass after every edit)'}
            onClick={() => setLive(!live)}
          >
            <span className="bp-switch__track" aria-hidden="true">
              <span className="bp-switch__thumb" />
            </span>
            Live
          </button>
          <button
            type="button"
            className="bp-switch"
            aria-pressed={show}
            title={haveJacobians ? 'Show or hide the Jacobian of each layer on the edge that feeds it' : 'Jacobians appear on the edges after a forward pass'}
            onClick={() => setShow(!show)}
          >
            <span className="bp-switch__track" aria-hidden="true">
              <span className="bp-switch__thumb" />
            </span>
            Jacobians
          </button>
        </div>
        {flow && (
          <div className="bp-canvas-legend">
            <GradientFlowLegend flow={flow} />
          </div>
        )}
      </Panel>
    </>
  );
});

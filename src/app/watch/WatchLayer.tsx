import { useEffect } from 'react';
import { allDataDiagnostics } from '../../editor/data-diagnostics';
import { useRunStore } from '../../editor/run/use-run';
import { useScreenStore } from '../../editor/screen/use-screen';
import { JacobianDialog } from './JacobianDialog';
import './watch.css';

/**
 * What watching adds above the editor: the Jacobian dialog, and bringing the right tab of the
 * bottom panel forward when a stepped pass starts or a gradient check finishes.
 */
export function WatchLayer() {
  const store = useRunStore();
  const screen = useScreenStore();
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const show = screen.getState().showPanelTab;
        // A data problem that blocks every run shows itself with its fixes.
        if (allDataDiagnostics(s).length > 0 && allDataDiagnostics(prev).length === 0) show('messages');
        if (s.steps.length === 1 && s.steps !== prev.steps) show('backprop');
        else if (s.gradcheck && s.gradcheck !== prev.gradcheck) show('gradcheck');
      }),
    [store, screen],
  );
  return <JacobianDialog />;
}

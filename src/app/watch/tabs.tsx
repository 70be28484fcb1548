import type { Tab } from '../BottomPanel';
import { useRun } from '../../editor/run/use-run';
import { BackpropTab } from './BackpropTab';
import { GradcheckTab } from './GradcheckTab';
import { GradNormsTab } from './GradNormsTab';
import './watch.css';

function GradcheckBadge() {
  const r = useRun((s) => s.gradcheck);
  if (!r) return null;
  return (
    <span className={`bp-tab__badge ${r.passed ? 'bp-tab__badge--success' : 'bp-tab__badge--error'}`} aria-hidden="true">
      {r.passed ? '✓' : '✗'}
    </span>
  );
}

/** The bottom panel's tabs for watching backprop: the VJP of a backward step, the gradient check, gradient norms over training. */
export const watchTabs: readonly Tab[] = [
  { key: 'backprop', label: 'Backprop', render: () => <BackpropTab /> },
  { key: 'gradcheck', label: 'Gradient check', badge: <GradcheckBadge />, render: () => <GradcheckTab /> },
  { key: 'gradnorms', label: 'Gradient norms', render: () => <GradNormsTab /> },
];

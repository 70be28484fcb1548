import type { Tab } from '../BottomPanel';
import { CompareTab } from '../compare/CompareTab';
import { CurvesTab } from './TrainingCharts';
import './training.css';

/** The bottom panel's tabs for training: the loss and accuracy curves, wide; gradient estimators compared. */
export const trainingTabs: readonly Tab[] = [
  { key: 'curves', label: 'Curves', render: () => <CurvesTab /> },
  { key: 'compare', label: 'Backprop required?', render: () => <CompareTab /> },
];

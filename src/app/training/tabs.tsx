import type { Tab } from '../BottomPanel';
import { CurvesTab } from './TrainingCharts';
import './training.css';

/** The bottom panel's tabs for training: the loss and accuracy curves, wide. */
export const trainingTabs: readonly Tab[] = [{ key: 'curves', label: 'Curves', render: () => <CurvesTab /> }];

import { useId, useState } from 'react';
import { defaultTraining } from '../model';
import { useEditor, useEditorStore } from '../editor/use-editor';
import { useScreenStore } from '../editor/screen/use-screen';
import { exportTrainingScript } from './commands';
import { Dialog } from './Dialog';

const OPTIMIZERS = { sgd: 'SGD', momentum: 'Momentum', rmsprop: 'RMSProp', adam: 'Adam' } as const;

/** Export → PyTorch training script: which weights the script starts from, then the download. */
export function TrainingExportDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const editor = useEditorStore();
  const screen = useScreenStore();
  const trained = useEditor((s) => s.weights !== undefined && s.weights !== null);
  const doc = useEditor((s) => s.doc);
  const [weights, setWeights] = useState<'initial' | 'current'>(trained ? 'current' : 'initial');
  const [busy, setBusy] = useState(false);
  const t = doc.training ?? defaultTraining();
  const data = t.dataset.kind === 'digits' ? 'the handwritten digits (8,000 / 2,000)' : t.dataset.kind === 'csv' ? `the CSV ${t.dataset.csv?.name ?? ''}` : `the ${t.dataset.kind} data`;

  const download = async () => {
    setBusy(true);
    const ok = await exportTrainingScript({ editor, screen }, weights);
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <Dialog
      title="PyTorch training script"
      description={
        <>
          A .zip with <code>train.py</code> and the data it trains on. Unzip it and run <code>python train.py</code>, or{' '}
          <code>torchrun --nproc_per_node=N train.py</code> for DistributedDataParallel.
        </>
      }
      onClose={onClose}
      width={520}
      footer={
        <>
          <button type="button" className="bp-button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="bp-button bp-button--primary" disabled={busy} onClick={() => void download()} data-autofocus>
            {busy ? 'Preparing…' : 'Download .zip'}
          </button>
        </>
      }
    >
      <div className="bp-form">
        <fieldset className="bp-radio-group bp-radio-group--column">
          <legend>Start from</legend>
          <label>
            <input type="radio" name={`${id}-weights`} checked={weights === 'initial'} onChange={() => setWeights('initial')} /> The initial weights: what Train starts from (seed {doc.seed}),
            so the script repeats the app's run
          </label>
          <label aria-disabled={!trained || undefined}>
            <input type="radio" name={`${id}-weights`} checked={weights === 'current'} disabled={!trained} onChange={() => setWeights('current')} /> The current weights
            {trained ? ': carry on from the training done here' : ' (not trained yet)'}
          </label>
        </fieldset>
        <p className="bp-dialog__note">
          Trains {t.epochs} epochs on {data}, batch {t.batch_size}, {OPTIMIZERS[t.optimizer.kind]} with learning rate {t.optimizer.lr}, in the app's batch order, and prints loss and{' '}
          {t.dataset.kind === 'sine' || t.dataset.kind === 'surface' || t.dataset.csv?.target === 'number' ? 'R²' : 'accuracy'} for the training and test sets.
        </p>
      </div>
    </Dialog>
  );
}

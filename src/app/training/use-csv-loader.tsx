import { useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import type { DatasetError } from '../../runtime';
import { useScreenStore } from '../../editor/screen/use-screen';
import { useEditorStore } from '../../editor/use-editor';
import { useRunStore } from '../../editor/run/use-run';
import { loadCsv, plural, readCsvFile, type CsvTarget } from './csv-data';
import { CsvErrorsDialog } from './CsvErrorsDialog';
import { currentTraining } from './use-training';

export interface CsvLoader {
  /** Opens the file picker. */
  pick(): void;
  /**
   * Makes `name`'s text the dataset if it parses (with the Input following its features);
   * lists its problems otherwise. `target` defaults to numbers when the model ends in a regression loss.
   */
  apply(text: string, name: string, labelColumn: string | undefined, target?: CsvTarget): void;
  /** The hidden file input and the problems dialog, to render. */
  elements: ReactNode;
}

/** Loading a CSV as the training data, wherever it is offered (the Dataset settings, a data problem's fix). */
export function useCsvLoader(testId = 'csv-input'): CsvLoader {
  const store = useEditorStore();
  const runStore = useRunStore();
  const screen = useScreenStore();
  const fileRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<{ fileName: string; errors: DatasetError[] } | null>(null);

  const apply = (text: string, name: string, labelColumn: string | undefined, target?: CsvTarget) => {
    const r = loadCsv(currentTraining(store), text, name, labelColumn, target ?? (runStore.getState().load?.plan?.task === 'regression' ? 'number' : 'class'));
    if (!r.ok) {
      setProblem({ fileName: name, errors: r.errors });
      return;
    }
    store.getState().setTrainingData(r.training, r.summary.features);
    const { samples, features, classes, targetName } = r.summary;
    const what = targetName !== undefined ? `1 number to fit (“${targetName}”)` : plural(classes, 'class', 'classes');
    screen.getState().notify(`Loaded “${name}”: ${plural(samples, 'sample')}, ${plural(features, 'feature')}, ${what}. The Input takes ${plural(features, 'feature')}.`, 'success');
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const r = await readCsvFile(file);
    if (!r.ok) setProblem({ fileName: file.name, errors: r.errors });
    else apply(r.text, file.name, undefined);
  };

  return {
    pick: () => fileRef.current?.click(),
    apply,
    elements: (
      <>
        <input ref={fileRef} type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" hidden data-testid={testId} onChange={(e) => void onFile(e)} />
        {problem && <CsvErrorsDialog fileName={problem.fileName} errors={problem.errors} onClose={() => setProblem(null)} />}
      </>
    ),
  };
}

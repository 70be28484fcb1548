import { describe, expect, it } from 'vitest';
import { defaultTraining } from '../../model/schema';
import { csvErrorText } from './CsvErrorsDialog';
import { csvColumns, loadCsv, MAX_CSV_BYTES, readCsvFile } from './csv-data';
import { dataFixes } from './data-fixes';

const IRIS = 'sepal length,sepal width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n';

describe('CSV data', () => {
  it('names the header columns as the parser does', () => {
    expect(csvColumns(IRIS)).toEqual(['sepal length', 'sepal width', 'species']);
    expect(csvColumns('\ufeffa;b;;c\n1;2;3;4\n')).toEqual(['a', 'b', 'column 3', 'c']);
    expect(csvColumns('"x,1",y\n')).toEqual(['x,1', 'y']);
    expect(csvColumns('')).toEqual([]);
  });

  it('makes a file that parses the dataset, keeping the other settings', () => {
    const t = { ...defaultTraining(), epochs: 9 };
    const r = loadCsv(t, IRIS, 'iris.csv');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.training.dataset).toEqual({ ...t.dataset, kind: 'csv', csv: { name: 'iris.csv', text: IRIS } });
    expect(r.training.epochs).toBe(9);
    expect(r.summary).toEqual({ samples: 4, features: 2, classes: 3, featureNames: ['sepal length', 'sepal width'], classNames: ['setosa', 'versicolor', 'virginica'] });
    const byColumn = loadCsv(t, 'a,b,c\n1,0,2\n0,1,1\n', 'x.csv', 'b');
    expect(byColumn.ok && byColumn.training.dataset.csv).toEqual({ name: 'x.csv', text: 'a,b,c\n1,0,2\n0,1,1\n', label_column: 'b' });
    expect(byColumn.ok && byColumn.summary.featureNames).toEqual(['a', 'c']);
  });

  it('returns every problem of a bad file with its line and column', () => {
    const r = loadCsv(defaultTraining(), 'x1,x2,label\n0.1,0.2,0\n0.3,abc,1\n0.5,0.6\n', 'bad.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { row: 3, column: 'x2', message: 'Line 3, column "x2": "abc" is not a number.' },
      { row: 4, message: 'Line 4: expected 3 columns (as in the header), got 2.' },
    ]);
    expect(r.errors.map(csvErrorText)).toEqual(['"abc" is not a number.', 'Expected 3 columns (as in the header), got 2.']);
  });

  it('refuses a file too large or not text before parsing it', async () => {
    const big = await readCsvFile({ name: 'huge.csv', size: MAX_CSV_BYTES + 1, text: () => Promise.reject(new Error('must not be read')) });
    expect(big).toEqual({ ok: false, errors: [{ message: '“huge.csv” is 32.0 MiB; a CSV file may be at most 32.0 MiB.' }] });
    const binary = await readCsvFile({ name: 'x.png', size: 10, text: () => Promise.resolve('a,b\n1,2\n\u0000\u0001') });
    expect(binary).toEqual({ ok: false, errors: [{ row: 3, message: 'Line 3: “x.png” contains binary data (a NUL byte); a CSV file is plain text.' }] });
    expect(await readCsvFile({ name: 'ok.csv', size: 4, text: () => Promise.resolve('a,b\n') })).toEqual({ ok: true, text: 'a,b\n' });
  });
});

describe('dataFixes', () => {
  const doc = {
    nodes: [
      { id: 'in', type: 'Input', params: { features: 2 }, position: { x: 0, y: 0 } },
      { id: 'head', type: 'Linear', params: { out_features: 3 }, position: { x: 0, y: 0 } },
      { id: 'ce', type: 'CrossEntropyLoss', params: {}, position: { x: 0, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'head' },
      { id: 'e2', source: 'head', target: 'ce' },
    ],
  } as Parameters<typeof dataFixes>[0];
  const load = (diags: { nodeId: string; field?: string }[]) =>
    ({
      dataDiagnostics: diags.map((d) => ({ severity: 'error' as const, message: 'm', ...d })),
      dataset: { features: 4, classes: 5 },
      plan: { inputNodeId: 'in', lossNodeId: 'ce', inputFeatures: 2, outputFeatures: 3 },
    }) as unknown as Parameters<typeof dataFixes>[1];

  const dataToGraph = [
    { kind: 'random', label: 'Train on a random batch that fits: 2 features, 3 classes' },
    { kind: 'csv', features: 2, classes: 3, label: 'Load a CSV with 2 feature columns…' },
  ];

  it('offers both ways: the graph to fit the data, and data that fits the graph', () => {
    expect(dataFixes(doc, load([{ nodeId: 'in', field: 'features' }, { nodeId: 'ce' }]))).toEqual([
      { kind: 'features', features: 4, label: 'Make the Input take 4 features' },
      { kind: 'classes', nodeId: 'head', param: 'out_features', classes: 5, label: "Give 'head' 5 outputs, one per class" },
      ...dataToGraph,
    ]);
    expect(dataFixes(doc, load([]))).toEqual([]);
    expect(dataFixes(doc, null)).toEqual([]);
  });

  it('offers no class fix when the loss is not fed by a Linear', () => {
    const relu = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'head' ? { ...n, type: 'ReLU', params: {} } : n)) } as typeof doc;
    expect(dataFixes(relu, load([{ nodeId: 'ce' }]))).toEqual(dataToGraph);
  });
});

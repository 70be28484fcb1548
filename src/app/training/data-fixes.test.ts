import { describe, expect, it } from 'vitest';
import { defaultTraining } from '../../model';
import { dataFixes } from './data-fixes';

type Doc = Parameters<typeof dataFixes>[0];
type Load = Parameters<typeof dataFixes>[1];

const doc = {
  nodes: [
    { id: 'in', type: 'Input', params: { features: 1 }, position: { x: 0, y: 0 } },
    { id: 'head', type: 'Linear', params: { in_features: 1, out_features: 3 }, position: { x: 0, y: 0 } },
    { id: 'loss', type: 'MSELoss', params: {}, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'in', target: 'head' },
    { id: 'e2', source: 'head', target: 'loss' },
  ],
} as Doc;

const load = (task: 'regression' | 'classification', regressionData: boolean): Load =>
  ({
    dataDiagnostics: [{ severity: 'error', message: 'm', nodeId: 'loss' }],
    dataset: { features: 1, classes: regressionData ? 0 : 3, ...(regressionData ? { targetRange: [-1, 1], targetName: 'y' } : {}) },
    plan: { inputNodeId: 'in', lossNodeId: 'loss', inputFeatures: 1, outputFeatures: 3, task },
  }) as unknown as Load;

describe('data fixes for regression', () => {
  it('one output for the number to fit, and no random batch (its labels are classes)', () => {
    expect(dataFixes(doc, load('regression', true))).toEqual([
      { kind: 'classes', nodeId: 'head', param: 'out_features', classes: 1, label: "Give 'head' 1 output, for the 1 number to fit" },
      { kind: 'csv', features: 1, classes: 3, label: 'Load a CSV with 1 feature column…' },
    ]);
  });

  it('an MSE loss fed classes: the noisy sine, or a CSV’s target column read as numbers', () => {
    expect(dataFixes(doc, load('regression', false))[0]).toEqual({ kind: 'dataset', dataset: 'sine', features: 1, label: 'Train on the noisy sine (1 feature, 1 number to fit)' });
    const t = defaultTraining();
    const csv = { dataset: { ...t.dataset, kind: 'csv' as const, csv: { name: 'a.csv', text: 'x,y\n1,2\n' } } };
    expect(dataFixes(doc, load('regression', false), csv)[0]).toEqual({ kind: 'csv-target', target: 'number', label: "Read the CSV's target column as numbers to fit" });
  });

  it('a cross-entropy fed numbers: a classification dataset, or the CSV’s column read as classes', () => {
    expect(dataFixes(doc, load('classification', true))[0]).toEqual({ kind: 'dataset', dataset: 'spiral', features: 2, label: 'Train on the spiral (2 features, classes)' });
    const t = defaultTraining();
    const csv = { dataset: { ...t.dataset, kind: 'csv' as const, csv: { name: 'a.csv', text: 'x,y\n1,2\n', target: 'number' as const } } };
    expect(dataFixes(doc, load('classification', true), csv)[0]).toEqual({ kind: 'csv-target', target: 'class', label: "Read the CSV's target column as class labels" });
  });
});

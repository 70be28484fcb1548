import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../runtime';
import { allDataDiagnostics, nodeDataDiagnostics, runBlocker } from './data-diagnostics';

const load = (over: Partial<LoadResult>): { load: LoadResult } => ({
  load: {
    ok: false,
    diagnostics: [],
    dataDiagnostics: [],
    dataErrors: [],
    plan: { inputNodeId: 'input', lossNodeId: 'loss' } as LoadResult['plan'],
    nodeShapes: {},
    edgeShapes: {},
    keptWeights: [],
    trainingStopped: null,
    dataset: null,
    trainedSteps: 0,
    ...over,
  },
});

describe('nodeDataDiagnostics', () => {
  it('gives each node the data diagnostics pinned to it', () => {
    const features = { severity: 'error' as const, nodeId: 'input', field: 'features', message: 'has 4 features' };
    const classes = { severity: 'error' as const, nodeId: 'loss', message: 'has 5 classes' };
    const s = load({ dataDiagnostics: [features, classes] });
    expect(nodeDataDiagnostics(s, 'input')).toEqual([features]);
    expect(nodeDataDiagnostics(s, 'loss')).toEqual([classes]);
    expect(nodeDataDiagnostics(s, 'fc1')).toEqual([]);
    expect(nodeDataDiagnostics({ load: null }, 'input')).toEqual([]);
  });

  it('sums up data that cannot be loaded on the Input', () => {
    const s = load({ dataErrors: [{ row: 3, message: 'Line 3: bad.' }, { message: 'two' }, { message: 'three' }] });
    expect(nodeDataDiagnostics(s, 'input')).toEqual([
      { severity: 'error', nodeId: 'input', message: 'The training data cannot be used: Line 3: bad. (and 2 more problems; see the Training tab)' },
    ]);
    expect(nodeDataDiagnostics(load({ dataErrors: [{ message: 'One.' }] }), 'input')[0].message).toBe('The training data cannot be used: One.');
    expect(nodeDataDiagnostics(s, 'loss')).toEqual([]);
  });

  it('lists every data problem, and names what blocks a run', () => {
    const features = { severity: 'error' as const, nodeId: 'input', field: 'features', message: 'has 2 features, but the Input takes 10.' };
    const s = load({ dataDiagnostics: [features] });
    expect(allDataDiagnostics(s)).toEqual([features]);
    expect(runBlocker({ ...s, ready: true })).toBe('The data does not fit the graph: has 2 features, but the Input takes 10. See Messages for fixes.');
    expect(runBlocker({ ...s, ready: false })).toBe('Starting the engine…');
    expect(runBlocker({ ready: true, load: { ...s.load, ok: true } })).toBeNull();
    expect(runBlocker({ ready: true, load: { ...s.load, plan: null, diagnostics: [{ severity: 'error', message: 'A cycle.' }] } })).toBe('Fix the graph first: A cycle.');
  });
});

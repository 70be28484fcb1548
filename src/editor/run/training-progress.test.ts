import { describe, expect, it } from 'vitest';
import type { DecisionBoundary, TrainEnd, TrainPoint, TrainProgress } from '../../runtime';
import { idleTraining } from './run-data';
import { endNotice, endState, progressView } from './training-progress';

const point = (step: number): TrainPoint => ({ step, epoch: 0, trainLoss: 1 / step, trainAccuracy: null, testLoss: null, testAccuracy: null, trainR2: 0.5, testR2: null });
const message = (p: Partial<TrainProgress>): TrainProgress => ({ state: 'running', step: 10, epoch: 1, points: [], gradNorms: [], ...p });
const end = (reason: TrainEnd['reason']): TrainEnd => ({ reason, message: reason, step: 10, epoch: 1 });

describe('progressView', () => {
  it('appends the points and keeps the figures a message does not carry', () => {
    const boundary = { resolution: 2 } as unknown as DecisionBoundary;
    const a = progressView(idleTraining(), message({ step: 5, points: [point(5)], boundary }));
    expect(a).toMatchObject({ state: 'running', step: 5, epoch: 1, boundary, end: null });
    expect(a.curves.points.map((p) => p.step)).toEqual([5]);
    const b = progressView(a, message({ step: 10, points: [point(10)], state: 'finished', end: end('finished') }));
    expect(b.boundary).toBe(boundary);
    expect(b.curves.points.map((p) => p.step)).toEqual([5, 10]);
    expect(b.curves.version).toBe(a.curves.version + 1);
    expect(b).toMatchObject({ state: 'finished', step: 10, end: end('finished') });
  });
});

describe('how a run ends', () => {
  it('announces a divergence as an error with a reset, a failure as an error, a stop as information', () => {
    expect(endNotice(end('diverged'))).toEqual({ tone: 'error', offerReset: true });
    expect(endNotice(end('failed'))).toEqual({ tone: 'error', offerReset: false });
    expect(endNotice(end('stopped'))).toEqual({ tone: 'info', offerReset: false });
    expect(endNotice(end('finished'))).toEqual({ tone: 'success', offerReset: false });
    expect(endNotice(end('target'))).toEqual({ tone: 'success', offerReset: false });
  });

  it('leaves the run finished when it reached its epochs or target loss', () => {
    expect(endState(end('target'))).toBe('finished');
    expect(endState(end('finished'))).toBe('finished');
    expect(endState(end('diverged'))).toBe('diverged');
    expect(endState(end('stopped'))).toBe('stopped');
    expect(endState(end('failed'))).toBe('failed');
  });
});

import { describe, expect, it } from 'vitest';
import { appendCurves, emptyCurves } from '../../editor/run/curves';
import type { TrainPoint } from '../../runtime';
import { CurveSeries, curveCsv, latestRun, runStart } from './curve-series';

const point = (step: number, loss: number, test: number | null = loss + 0.1): TrainPoint => ({
  step,
  epoch: Math.floor(step / 12),
  trainLoss: loss,
  trainAccuracy: 1 - loss,
  testLoss: test,
  testAccuracy: test === null ? null : 1 - test,
});

describe('CurveSeries', () => {
  it('feeds the charts only the points they have not seen, as the history grows in place', () => {
    const s = new CurveSeries();
    let c = emptyCurves();
    s.sync(c);
    expect(s.length).toBe(0);
    c = appendCurves(c, [point(10, 1), point(20, 0.8)], []);
    s.sync(c);
    const v = s.trainLoss.version;
    s.sync(c);
    expect(s.trainLoss.version).toBe(v);
    c = appendCurves(c, [point(30, 0.5)], []);
    s.sync(c);
    expect(s.trainLoss.version).toBe(v + 1);
    expect(s.trainLoss.revision).toBe(0);
    expect(Array.from(s.trainLoss.arrays().values)).toEqual([1, 0.8, 0.5]);
    expect(Array.from(s.testAccuracy.arrays().values).map((x) => +x.toFixed(6))).toEqual([-0.1, 0.1, 0.4]);
    expect(Array.from(s.trainLoss.arrays().steps)).toEqual([10, 20, 30]);
  });

  it('starts over for a new history, and draws a missing test figure as a gap', () => {
    const s = new CurveSeries();
    s.sync(appendCurves(emptyCurves(), [point(10, 1), point(20, 0.9)], []));
    s.sync(appendCurves(emptyCurves(), [point(10, 2, null)], []));
    expect(s.trainLoss.revision).toBe(1);
    expect(Array.from(s.trainLoss.arrays().values)).toEqual([2]);
    expect(Number.isNaN(s.testLoss.value(0))).toBe(true);
  });

  it('shows only the latest run when a new run continues the same history from step 0', () => {
    const s = new CurveSeries();
    let c = appendCurves(emptyCurves(), [point(10, 1), point(20, 0.9), point(25, 0.85)], []);
    s.sync(c);
    // Without this the buffers would refuse a step going down.
    c = appendCurves(c, [point(10, 1.1), point(20, 0.7)], []);
    s.sync(c);
    expect(Array.from(s.trainLoss.arrays().steps)).toEqual([10, 20]);
    expect(Array.from(s.trainLoss.arrays().values)).toEqual([1.1, 0.7]);
    c = appendCurves(c, [point(30, 0.6)], []);
    s.sync(c);
    expect(Array.from(s.testLoss.arrays().steps)).toEqual([10, 20, 30]);
  });
});

describe('runStart and latestRun', () => {
  it('find where the step last went down, scanning only new points on each call', () => {
    const pts = [point(10, 1), point(20, 1)];
    expect(runStart(pts)).toBe(0);
    pts.push(point(10, 1), point(20, 1));
    expect(runStart(pts)).toBe(2);
    pts.push(point(30, 1));
    expect(runStart(pts)).toBe(2);
    expect(latestRun(pts).map((p) => p.step)).toEqual([10, 20, 30]);
    expect(latestRun([])).toEqual([]);
  });
});

describe('curveCsv', () => {
  it('writes every point at full precision, a missing test figure as an empty cell', () => {
    expect(curveCsv([point(10, 1 / 3), point(20, 0.25, null)])).toBe(
      'step,epoch,train_loss,train_accuracy,test_loss,test_accuracy\n' +
        `10,0,${1 / 3},${1 - 1 / 3},${1 / 3 + 0.1},${1 - (1 / 3 + 0.1)}\n` +
        '20,1,0.25,0.75,,\n',
    );
  });
});

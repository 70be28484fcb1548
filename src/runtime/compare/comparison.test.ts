import { describe, expect, it } from 'vitest';
import { EstimatorSchema, OptimizerSchema, type EstimatorSettings } from '../../model';
import { classifier, paramCount, quadratic, snapshotValues, type Problem } from '../estimators/fixtures';
import { exampleSetup } from './fixtures';
import { shuffledBatches } from './batches';
import { Comparison, compareOptionsError, type CompareSetup } from './comparison';
import { SMOOTHING } from './track';
import type { CompareOptions, CompareProgress, ComparePoint } from './types';

const est = (kind: EstimatorSettings['kind'], more: Partial<EstimatorSettings> = {}): EstimatorSettings => EstimatorSchema.parse({ kind, ...more });
const ALL = [est('backprop'), est('forward-mode'), est('forward-gradient', { tangents: 3 }), est('finite-differences'), est('spsa', { samples: 2 })];

function setupOf(p: Problem, lr = 0.05): CompareSetup {
  return { initial: p.model, optimizer: OptimizerSchema.parse({ kind: 'sgd', lr }), batches: () => () => ({ x: p.x, y: p.y }), seed: 7 };
}

async function compare(setup: CompareSetup, options: Partial<CompareOptions>) {
  const messages: CompareProgress[] = [];
  const full: CompareOptions = { estimators: ALL, steps: 20, timeBudgetMs: 60_000, targetLoss: 0, ...options };
  const result = await new Comparison().run(setup, full, (m) => messages.push(m));
  const points: ComparePoint[][] = full.estimators.map((_, i) => messages.filter((m) => m.index === i).flatMap((m) => m.points));
  return { result, messages, points };
}

describe('Comparison', () => {
  it('starts every estimator from the same weights and batch (the same first loss), and leaves the model it was given as it was', async () => {
    const p = classifier({ dropout: 0.3, hidden: [5] });
    const before = snapshotValues(p.model);
    const { points, result } = await compare(setupOf(p), { steps: 3 });
    const first = points.map((ps) => ps[0].loss);
    for (const l of first) expect(l).toBe(first[0]);
    expect(snapshotValues(p.model)).toEqual(before);
    expect(result.tracks.map((t) => t.steps)).toEqual([3, 3, 3, 3, 3]);
    expect(result.tracks.map((t) => t.end)).toEqual(['steps', 'steps', 'steps', 'steps', 'steps']);
  });

  it('counts each step’s cost as the formulas say: backprop 1 forward + 1 backward, forward mode 1 + P, forward gradient 1 + k, finite differences 2P + 1, SPSA 2 per sample', async () => {
    const p = classifier({ hidden: [4] });
    const P = paramCount(p.model);
    const { result } = await compare(setupOf(p), { steps: 4 });
    const per = Object.fromEntries(result.tracks.map((t) => [t.kind, t.perStep]));
    expect(result.params).toBe(P);
    expect(per.backprop).toMatchObject({ forwardPasses: 1, jvpPasses: 0, backwardPasses: 1, forwardEquivalents: 3 });
    expect(per['forward-mode']).toMatchObject({ forwardPasses: 1, jvpPasses: P, forwardEquivalents: 1 + P });
    expect(per['forward-gradient']).toMatchObject({ forwardPasses: 1, jvpPasses: 3, forwardEquivalents: 4 });
    expect(per['finite-differences']).toMatchObject({ forwardPasses: 2 * P + 1, forwardEquivalents: 2 * P + 1 });
    expect(per.spsa).toMatchObject({ forwardPasses: 4, forwardEquivalents: 4 });
    // The diagnostic backprop pass beside the others is not part of their cost.
    for (const t of result.tracks) expect(t.cost).toBeCloseTo(4 * t.perStep.forwardEquivalents, 9);
  });

  it('forward mode follows backprop step for step; the cosine with the true gradient is 1 for it, below 1 for the noisy estimators, absent for backprop', async () => {
    const { points, result } = await compare(setupOf(classifier({ hidden: [6] })), { steps: 15 });
    const [bp, fm, fg, fd, spsa] = points;
    fm.forEach((q, i) => expect(q.loss).toBeCloseTo(bp[i].loss, 10));
    fd.forEach((q, i) => expect(q.loss).toBeCloseTo(bp[i].loss, 5));
    expect(bp.every((q) => q.cosine === null)).toBe(true);
    expect(result.tracks[0].meanCosine).toBeNull();
    for (const q of fm) expect(q.cosine).toBeCloseTo(1, 10);
    for (const q of fd) expect(q.cosine).toBeGreaterThan(0.999999);
    expect(result.tracks[2].meanCosine!).toBeLessThan(0.99);
    expect(result.tracks[4].meanCosine!).toBeLessThan(0.99);
    for (const q of [...fg, ...spsa]) expect(Math.abs(q.cosine!)).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('cost and time grow along each track; the smoothed loss is the mean of the last steps', async () => {
    const { points } = await compare(setupOf(classifier()), { estimators: [est('backprop'), est('spsa')], steps: 25 });
    for (const ps of points) {
      for (let i = 1; i < ps.length; i++) {
        expect(ps[i].cost).toBeGreaterThan(ps[i - 1].cost);
        expect(ps[i].ms).toBeGreaterThanOrEqual(ps[i - 1].ms);
      }
      const last = ps.slice(-SMOOTHING).map((q) => q.loss);
      expect(ps[ps.length - 1].smoothLoss).toBeCloseTo(last.reduce((s, v) => s + v, 0) / SMOOTHING, 12);
    }
  });

  it('trains a regression model (MSE) with every estimator: the loss comes down', async () => {
    const { points } = await compare(setupOf(quadratic(), 0.05), { steps: 60 });
    for (const ps of points) expect(ps[ps.length - 1].smoothLoss).toBeLessThan(ps[0].loss);
  });

  it('reports the first step at which the smoothed loss reached the target, with its cost and time', async () => {
    const { points, result } = await compare(setupOf(classifier()), { estimators: [est('backprop'), est('forward-gradient')], steps: 40, targetLoss: 1e9 });
    result.tracks.forEach((t, i) => {
      expect(t.reached).toEqual({ step: SMOOTHING, cost: points[i][SMOOTHING - 1].cost, ms: points[i][SMOOTHING - 1].ms });
    });
    const never = await compare(setupOf(classifier()), { estimators: [est('backprop')], steps: 20, targetLoss: 0 });
    expect(never.result.tracks[0].reached).toBeNull();
  });

  it('stops a track at its time budget, and one whose loss goes non-finite as diverged', async () => {
    const { result } = await compare(setupOf(classifier()), { estimators: [est('finite-differences')], steps: 100_000, timeBudgetMs: 5 });
    expect(result.tracks[0].end).toBe('time');
    expect(result.tracks[0].steps).toBeLessThan(100_000);
    const wild = await compare(setupOf(quadratic(), 1e300), { estimators: [est('backprop')], steps: 50 });
    expect(wild.result.tracks[0].end).toBe('diverged');
  });

  it('cancel ends the running track and skips the rest; the last message says done', async () => {
    const c = new Comparison();
    const messages: CompareProgress[] = [];
    const run = c.run(setupOf(classifier()), { estimators: [est('finite-differences'), est('backprop')], steps: 100_000, timeBudgetMs: 60_000, targetLoss: 0 }, (m) => messages.push(m));
    setTimeout(() => c.cancel(), 50);
    const r = await run;
    expect(r.cancelled).toBe(true);
    expect(r.tracks).toHaveLength(1);
    expect(r.tracks[0].end).toBe('cancelled');
    expect(messages[messages.length - 1].done).toBe(true);
  });

  it('refuses options it cannot run, saying which', async () => {
    const ok: CompareOptions = { estimators: [est('backprop')], steps: 10, timeBudgetMs: 1000, targetLoss: 0.5 };
    expect(compareOptionsError(ok)).toBeNull();
    expect(compareOptionsError({ ...ok, estimators: [] })).toBe('Choose at least one estimator to compare.');
    expect(compareOptionsError({ ...ok, estimators: [est('spsa'), est('spsa')] })).toBe("The estimator 'spsa' is listed twice.");
    expect(compareOptionsError({ ...ok, estimators: [{ kind: 'magic' } as never] })).toMatch(/^Estimator 1 is not valid/);
    expect(compareOptionsError({ ...ok, steps: 0 })).toMatch(/^Steps must be a whole number from 1/);
    expect(compareOptionsError({ ...ok, timeBudgetMs: 0 })).toMatch(/^The time budget/);
    expect(compareOptionsError({ ...ok, targetLoss: Number.NaN })).toMatch(/^The target loss/);
    await expect(new Comparison().run(setupOf(classifier()), { ...ok, steps: -1 }, () => undefined)).rejects.toThrow(/Steps must be/);
  });

  it('on the spiral example: backprop and the forward gradient see the same batches and both learn', async () => {
    const s = exampleSetup('spiral.json');
    const setup: CompareSetup = { initial: s.model, optimizer: s.settings.optimizer, batches: () => shuffledBatches(s.split.train, s.settings.batch_size, s.doc.seed), seed: s.doc.seed };
    const { points, result } = await compare(setup, { estimators: [est('backprop'), est('forward-gradient')], steps: 200 });
    expect(points[0][0].loss).toBe(points[1][0].loss);
    for (const ps of points) expect(ps[ps.length - 1].smoothLoss).toBeLessThan(ps[SMOOTHING - 1].smoothLoss);
    expect(result.tracks[1].perStep.forwardEquivalents).toBe(2);
    expect(result.tracks[0].perStep.forwardEquivalents).toBe(3);
  });
});

describe('Comparison on a regression example', () => {
  it('sine regression (MSE): backprop and the forward gradient both bring the loss down from the same start', async () => {
    const s = exampleSetup('sine-regression.json');
    const setup: CompareSetup = { initial: s.model, optimizer: s.settings.optimizer, batches: () => shuffledBatches(s.split.train, s.settings.batch_size, s.doc.seed), seed: s.doc.seed };
    const { points } = await compare(setup, { estimators: [est('backprop'), est('forward-gradient', { tangents: 4 })], steps: 150 });
    expect(points[0][0].loss).toBe(points[1][0].loss);
    for (const ps of points) expect(ps[ps.length - 1].smoothLoss).toBeLessThan(ps[SMOOTHING - 1].smoothLoss);
  });
});

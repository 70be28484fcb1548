import { describe, expect, it } from 'vitest';
import { EstimatorSchema, type EstimatorSettings } from '../../model';
import { customDoc } from '../custom/fixtures';
import { EngineService } from '../service';
import type { CompareOptions, ComparePoint, CompareProgress } from './types';

const est = (kind: EstimatorSettings['kind'], more: Partial<EstimatorSettings> = {}): EstimatorSettings => EstimatorSchema.parse({ kind, ...more });
const ALL = [est('backprop'), est('forward-mode'), est('forward-gradient', { tangents: 4 }), est('finite-differences'), est('spsa', { samples: 2 })];
const OPTIONS: CompareOptions = { estimators: ALL, steps: 8, timeBudgetMs: 60_000, targetLoss: 0 };

async function compare(s: EngineService) {
  const messages: CompareProgress[] = [];
  const result = await s.compare(OPTIONS, (m) => messages.push(m));
  const points: ComparePoint[][] = ALL.map((_, i) => messages.filter((m) => m.index === i).flatMap((m) => m.points));
  return { result, points };
}

describe('comparing estimators on a model with a Custom layer', () => {
  it('runs every estimator through the code; forward mode (its JVP derived numerically) follows backprop step for step', async () => {
    const s = new EngineService();
    // The SiLU template has no jvp: the layer derives it by central differences of its forward.
    expect(s.load(customDoc(), { weights: 'document', runCode: true }).ok).toBe(true);
    const { result, points } = await compare(s);
    expect(result.tracks.map((t) => [t.kind, t.steps, t.end])).toEqual(ALL.map((e) => [e.kind, 8, 'steps']));
    const [bp, fm, fg, fd] = points;
    fm.forEach((q, i) => expect(q.loss).toBeCloseTo(bp[i].loss, 5));
    // Finite differences of float32 passes: close to backprop, to their own rounding.
    fd.forEach((q, i) => expect(q.loss).toBeCloseTo(bp[i].loss, 3));
    for (const q of fm) expect(q.cosine).toBeGreaterThan(0.99999);
    // The forward gradient is an unbiased, noisy estimate: positive cosine on average, not 1.
    expect(result.tracks[2].meanCosine).toBeGreaterThan(0);
    expect(result.tracks[2].meanCosine).toBeLessThan(0.99);
    expect(fg.every((q) => Number.isFinite(q.loss))).toBe(true);
  });

  it('uses the jvp the code provides', async () => {
    const withJvp = customDoc().nodes.find((n) => n.type === 'Custom')!.code!.replace(
      /\n}\n$/,
      `\n  jvp(dx) {\n    this.jvpCalls = (this.jvpCalls ?? 0) + 1;\n    const { x, s } = this;\n    return dx.mul(s.mul(x.mul(s.neg().add(1)).add(1)));\n  }\n}\n`,
    );
    const s = new EngineService();
    expect(s.load(customDoc(withJvp), { weights: 'document', runCode: true }).ok).toBe(true);
    const { points } = await compare(s);
    const [bp, fm] = points;
    // The analytic JVP: forward mode equals backprop to rounding.
    fm.forEach((q, i) => expect(q.loss).toBeCloseTo(bp[i].loss, 9));
  });

  it('runs no code the user has not chosen to run, and says why', async () => {
    const s = new EngineService();
    s.load(customDoc(), { weights: 'document' });
    await expect(s.compare(OPTIONS, () => undefined)).rejects.toThrow(/code is not running: open the node to review it, then choose Run code/);
  });
});

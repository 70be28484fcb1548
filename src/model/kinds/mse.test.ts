import { describe, expect, it } from 'vitest';
import { createRng, MSELoss, Tensor } from '../../engine';
import { mseKind } from './mse';

describe('the MSE loss kind', () => {
  it('takes any width and gives a scalar; exports as nn.MSELoss with the raw outputs', () => {
    expect(mseKind.infer(1, {}, 'x')).toEqual({ ok: true, out: 'scalar', resolved: {} });
    expect(mseKind.infer(7, {}, 'x')).toEqual({ ok: true, out: 'scalar', resolved: {} });
    expect(mseKind.task).toBe('regression');
    expect(mseKind.loss.pytorch).toBe('nn.MSELoss()');
    expect(mseKind.loss.outputName).toBe('output');
    expect(mseKind.loss.onnxHead({ output: 'output', batch: 'batch', features: 2, name: 'mse' })).toEqual({ nodes: [], outputs: [] });
  });

  it('describes dℓ[n]/dx as one 1 × D block per sample, matching float64 finite differences of the per-sample loss', () => {
    const [n, d] = [5, 3];
    const rng = createRng(7);
    const x = Tensor.randn([n, d], rng, 1, 'float64');
    const t = Float64Array.from({ length: n * d }, () => rng.normal());
    const layer = new MSELoss();
    layer.forward(x, t);
    const spec = mseKind.jacobian(layer, 'input');
    if (spec.pattern !== 'block-diagonal' || !('own' in spec)) throw new Error(`expected own blocks, got ${spec.pattern}`);
    expect([spec.blocks, spec.blockRows, spec.blockCols]).toEqual([n, 1, d]);
    expect(spec.outDims).toEqual([n]);
    expect(spec.wrtDims).toEqual([n, d]);
    // ℓ[r] = Σ_c (x[r,c] − t[r,c])² / D, differentiated numerically.
    const perSample = (xs: Float64Array, r: number) => {
      let s = 0;
      for (let c = 0; c < d; c++) s += (xs[r * d + c] - t[r * d + c]) ** 2;
      return s / d;
    };
    const h = 1e-6;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < d; c++) {
        const up = Float64Array.from(x.data);
        const down = Float64Array.from(x.data);
        up[r * d + c] += h;
        down[r * d + c] -= h;
        const numeric = (perSample(up, r) - perSample(down, r)) / (2 * h);
        expect(spec.own[r * d + c]).toBeCloseTo(numeric, 5);
      }
    }
    // The loss is the mean of ℓ[n]: the column sums of J over N are its gradient.
    const g = layer.backward();
    for (let i = 0; i < n * d; i++) expect(spec.own[i] / n).toBeCloseTo(g.data[i], 6);
  });

  it('refuses before a forward pass and for a tensor it does not have', () => {
    expect(() => mseKind.jacobian(new MSELoss(), 'input')).toThrow(/has not run forward yet/);
    const l = new MSELoss();
    l.forward(Tensor.from([1, 2], [2, 1]), [0, 0]);
    expect(() => mseKind.jacobian(l, 'w')).toThrow(/MSELoss has no parameter 'w'/);
  });
});

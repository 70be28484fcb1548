import { hcl, rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { GradNormSeries, layerColors } from './gradnorm';

describe('GradNormSeries', () => {
  it('keeps one series per layer, in order, from the GradNormPoints of progress messages', () => {
    const g = new GradNormSeries([{ id: 'fc1', title: 'Linear(2 → 16)' }, { id: 'fc2', title: 'Linear(16 → 2)' }], 'params');
    g.append([
      { step: 10, norms: { fc1: { input: 1, params: 1e-6 }, relu1: { input: 2, params: 0 }, fc2: { input: 3, params: 0.1 } } },
      { step: 20, norms: { fc1: { input: 1, params: 2e-6 }, fc2: { input: 3, params: 0.2 } } },
    ]);
    expect(g.series.map((s) => s.label)).toEqual(['Linear(2 → 16)', 'Linear(16 → 2)']);
    expect([g.series[0].step(1), g.series[0].value(1)]).toEqual([20, 2e-6]);
    expect(g.series[1].value(0)).toBe(0.1);
    const inputs = new GradNormSeries([{ id: 'relu1', title: 'ReLU' }], 'input');
    inputs.append([{ step: 1, norms: { relu1: { input: 2, params: 0 } } }]);
    expect(inputs.series[0].value(0)).toBe(2);
    g.clear();
    expect(g.series[0].length).toBe(0);
  });

  it('colours layers along one sequential ramp, first to last', () => {
    const c = layerColors(9);
    expect(new Set(c).size).toBe(9);
    // Sequential: lightness rises steadily from the first layer (blue) to the last (orange),
    // and stays in a middle band that reads on white and on near-black.
    const l = c.map((x) => hcl(x).l);
    for (let i = 1; i < l.length; i++) expect(l[i]).toBeGreaterThan(l[i - 1]);
    for (const v of l) {
      expect(v).toBeGreaterThan(40);
      expect(v).toBeLessThan(75);
    }
    expect(rgb(c[0]).b).toBeGreaterThan(rgb(c[0]).r);
    expect(rgb(c[8]).r).toBeGreaterThan(rgb(c[8]).b);
    expect(layerColors(1)).toHaveLength(1);
    expect(layerColors(0)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Linear, MLP, ReLU, Sequential, Tensor, createRng } from '../../engine';
import { COST_WEIGHTS, CostMeter } from './cost-meter';

function model() {
  const rng = createRng(1);
  // Leaves: Linear, ReLU, Linear (inside the MLP), CrossEntropyLoss → L = 4.
  return new Sequential(new MLP(3, 2, [4], { rng }), new CrossEntropyLoss());
}
const x = Tensor.randn([5, 3], createRng(2));
const y = [0, 1, 1, 0, 1];

describe('CostMeter', () => {
  it('counts a pass as one call of every leaf layer, nested containers included', () => {
    const m = model();
    const meter = new CostMeter(m);
    meter.attach();
    m.forward(x, y);
    m.forward(x, y);
    m.backward();
    m.jvp(null, m.params().map(() => null));
    meter.detach();
    expect(meter.passes()).toEqual({ forwardPasses: 2, jvpPasses: 1, backwardPasses: 1, forwardEquivalents: 2 + 1 + 2 });
  });

  it('counts only the calls the model makes: a leaf called directly is not part of a pass', () => {
    const relu = new ReLU();
    const seq = new Sequential(relu);
    const meter = new CostMeter(seq);
    meter.attach();
    relu.forward(Tensor.randn([2, 2], createRng(4)));
    seq.forward(Tensor.randn([2, 2], createRng(4)));
    // ReLU.backwardParams calls its own backward: one call from the Sequential, counted once.
    seq.backwardParams(Tensor.zeros([2, 2]));
    meter.detach();
    expect(meter.passes()).toMatchObject({ forwardPasses: 1, backwardPasses: 1 });
  });

  it('backwardParams of a model that starts with Linear is one backward pass', () => {
    const m = model();
    const meter = new CostMeter(m);
    m.forward(x, y);
    meter.attach();
    m.backwardParams();
    meter.detach();
    expect(meter.passes().backwardPasses).toBe(1);
    expect(meter.passes().forwardEquivalents).toBe(COST_WEIGHTS.backward);
  });

  it('leaves no trace on the layers: detach (also after a failing call) removes the observers', () => {
    const m = model();
    const inner = (m.layers[0] as MLP).sequence;
    const fc = inner.layers[0] as Linear;
    const meter = new CostMeter(m);
    meter.attach();
    expect(() => meter.attach()).toThrow(/already attached/);
    expect(() => new CostMeter(m).attach()).toThrow(/another observer/);
    expect(() => m.forward(Tensor.zeros([2, 7]), [0, 1])).toThrow(/expected input of shape/);
    m.forward(Tensor.zeros([2, 3]), [0, 1]);
    meter.detach();
    expect(m.observer).toBeNull();
    expect(inner.observer).toBeNull();
    expect(Object.keys(fc)).not.toContain('forward');
    // The failing pass reached the first Linear: 1 of 4 leaves, then a whole pass.
    expect(meter.passes().forwardPasses).toBe(1.25);
    meter.reset();
    expect(meter.passes().forwardPasses).toBe(0);
  });

  it('refuses a model without a Sequential to observe', () => {
    expect(() => new CostMeter(new ReLU())).toThrow('CostMeter: expected a model built of Sequential containers (a Sequential, an MLP), got ReLU');
  });
});

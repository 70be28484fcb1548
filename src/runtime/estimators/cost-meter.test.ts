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

  it('counts the work that runs: calls on part of the model are fractions of a pass', () => {
    const m = model();
    const meter = new CostMeter(m);
    meter.attach();
    m.layers[1].forward(Tensor.randn([5, 2], createRng(3)), y);
    meter.detach();
    expect(meter.passes().forwardPasses).toBe(0.25);
  });

  it('a call made inside another counted call of the same layer counts once (ReLU.backwardParams calls backward)', () => {
    const relu = new ReLU();
    const seq = new Sequential(relu);
    const meter = new CostMeter(seq);
    meter.attach();
    relu.forward(Tensor.randn([2, 2], createRng(4)));
    relu.backwardParams(Tensor.zeros([2, 2]));
    relu.backward(Tensor.zeros([2, 2]));
    meter.detach();
    expect(meter.passes().backwardPasses).toBe(2);
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

  it('detach leaves the layers exactly as they were, also after a failing call', () => {
    const m = model();
    const fc = (m.layers[0] as MLP).sequence.layers[0] as Linear;
    const meter = new CostMeter(m);
    meter.attach();
    expect(() => meter.attach()).toThrow(/already attached/);
    expect(() => fc.forward(Tensor.zeros([2, 7]))).toThrow(/expected input of shape/);
    fc.forward(Tensor.zeros([2, 3]));
    meter.detach();
    for (const name of ['forward', 'jvp', 'backward', 'backwardParams']) expect(Object.prototype.hasOwnProperty.call(fc, name)).toBe(false);
    expect(fc.forward).toBe(Linear.prototype.forward);
    // Both calls were counted: the failing one ran too.
    expect(meter.passes().forwardPasses).toBe(0.5);
    meter.reset();
    expect(meter.passes().forwardPasses).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Linear, MLP, ReLU, Sequential, Tensor, createRng, type Layer, type LayerCall } from './index';

describe('Sequential.observer', () => {
  it('hears every call the Sequential makes to its layers, in order, and nothing else', () => {
    const rng = createRng(1);
    const relu = new ReLU();
    const seq = new Sequential(relu, new Linear(3, 2, { rng }), new CrossEntropyLoss());
    const heard: string[] = [];
    seq.observer = (l: Layer, op: LayerCall) => heard.push(`${op} ${String(l).split('(')[0]}`);
    const x = Tensor.randn([4, 3], rng);
    seq.forward(x, [0, 1, 1, 0]);
    seq.jvp(null, seq.params().map(() => null));
    seq.backward();
    seq.backwardParams();
    relu.forward(x); // a direct call: not the Sequential's
    expect(heard).toEqual([
      'forward ReLU', 'forward Linear', 'forward CrossEntropyLoss',
      'jvp ReLU', 'jvp Linear', 'jvp CrossEntropyLoss',
      'backward CrossEntropyLoss', 'backward Linear', 'backward ReLU',
      // backwardParams skips the ReLU before the first layer with parameters.
      'backward CrossEntropyLoss', 'backward Linear',
    ]);
  });

  it('a nested MLP reports to its own Sequential; clones start without an observer', () => {
    const mlp = new MLP(2, 2, [3], { rng: createRng(2) });
    const outer = new Sequential(mlp, new CrossEntropyLoss());
    const heard: string[] = [];
    outer.observer = (l) => heard.push(`outer ${String(l).split(/[(,\n]/)[0]}`);
    mlp.sequence.observer = (l) => heard.push(`inner ${String(l).split('(')[0]}`);
    outer.forward(Tensor.zeros([1, 2]), [1]);
    expect(heard).toEqual(['outer MLP', 'inner Linear', 'inner ReLU', 'inner Linear', 'outer CrossEntropyLoss']);
    const copy = outer.clone();
    expect(copy.observer).toBeNull();
    expect((copy.layers[0] as MLP).sequence.observer).toBeNull();
  });
});

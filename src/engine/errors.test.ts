/** Every argument error names the layer (or optimizer), what it expected and what it got. */
import { describe, expect, it } from 'vitest';
import {
  Adam,
  CrossEntropyLoss,
  Dropout,
  LeakyReLU,
  Linear,
  MLP,
  MomentumSGD,
  RMSProp,
  ReLU,
  SGD,
  Sequential,
  Sigmoid,
  TanH,
  Tensor,
  createRng,
  type ActivationName,
  type Layer,
  type Param,
} from './index';

type ErrorClass = typeof Error | typeof RangeError | typeof TypeError;

/** `fn` throws exactly `message`, as an instance of `kind`. */
function throws(fn: () => unknown, kind: ErrorClass, message: string): void {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected to throw: ${message}`).toBeInstanceOf(kind);
  expect((caught as Error).message).toBe(message);
}

const LIN = 'Linear(in_features=4, out_features=3)';
const bad = <T>(v: unknown): T => v as T;

describe('Linear', () => {
  it('refuses sizes that are not positive integers and a negative wstd', () => {
    throws(() => new Linear(0, 3), RangeError, 'Linear: expected in_features to be an integer ≥ 1, got 0');
    throws(() => new Linear(2.5, 3), RangeError, 'Linear: expected in_features to be an integer ≥ 1, got 2.5');
    throws(() => new Linear(Number.NaN, 3), RangeError, 'Linear: expected in_features to be an integer ≥ 1, got NaN');
    throws(() => new Linear(3, -1), RangeError, 'Linear: expected out_features to be an integer ≥ 1, got -1');
    throws(() => new Linear(3, bad('4')), RangeError, 'Linear: expected out_features to be an integer ≥ 1, got "4"');
    throws(() => new Linear(3, 4, { wstd: -0.1 }), RangeError, 'Linear: expected wstd to be a finite number ≥ 0, got -0.1');
  });

  it('refuses an input whose last dimension is not in_features, or no tensor at all', () => {
    const fc = new Linear(4, 3);
    throws(() => fc.forward(Tensor.zeros([2, 5])), Error, `${LIN}.forward: expected input of shape [N, 4], got [2, 5]`);
    throws(() => fc.forward(Tensor.zeros([4, 2])), Error, `${LIN}.forward: expected input of shape [N, 4], got [4, 2]`);
    throws(() => fc.forward(Tensor.zeros([])), Error, `${LIN}.forward: expected input of shape [N, 4], got []`);
    throws(() => fc.forward(bad([1, 2, 3, 4])), TypeError, `${LIN}.forward: expected a Tensor [N, 4], got [1, 2, 3, 4]`);
  });

  it('refuses backward before forward, and a dout that is missing or of the wrong shape', () => {
    const fc = new Linear(4, 3);
    const before = `${LIN}.backward: expected a forward pass first (backward differentiates the last one), got backward before any forward`;
    throws(() => fc.backward(Tensor.zeros([2, 3])), Error, before);
    throws(() => fc.backwardParams(Tensor.zeros([2, 3])), Error, before);
    fc.forward(Tensor.zeros([2, 4]));
    throws(() => fc.backward(Tensor.zeros([3, 2])), Error, `${LIN}.backward: expected dout of shape [2, 3] (the last output's), got [3, 2]`);
    throws(() => fc.backwardParams(Tensor.zeros([2, 3, 1])), Error, `${LIN}.backward: expected dout of shape [2, 3] (the last output's), got [2, 3, 1]`);
    throws(
      () => fc.backward(),
      Error,
      `${LIN}.backward: expected dout, the gradient of shape [2, 3] of the loss with respect to the output, got nothing`,
    );
    throws(() => fc.backward(bad({ shape: 1 })), TypeError, `${LIN}.backward: expected dout to be a Tensor of shape [2, 3], got [object Object]`);
  });
});

describe('activations and dropout', () => {
  it('LeakyReLU refuses alpha outside [0, 1) with a RangeError', () => {
    for (const [alpha, got] of [[1, '1'], [-0.1, '-0.1'], [Number.NaN, 'NaN'], [Infinity, 'Infinity'], [1.5, '1.5']] as const) {
      throws(() => new LeakyReLU(alpha), RangeError, `LeakyReLU: expected alpha to be a finite number ≥ 0 and < 1, got ${got}`);
    }
    expect(new LeakyReLU(0).alpha).toBe(0);
    expect(new LeakyReLU(0.999).alpha).toBe(0.999);
  });

  it('Dropout refuses p outside [0, 1] with a RangeError', () => {
    for (const [p, got] of [[-0.1, '-0.1'], [1.5, '1.5'], [Number.NaN, 'NaN'], [bad('0.5'), '"0.5"']] as const) {
      throws(() => new Dropout(p as number), RangeError, `Dropout: expected p to be a finite number ≥ 0 and ≤ 1, got ${got}`);
    }
  });

  const cases: [string, Layer][] = [
    ['ReLU', new ReLU()],
    ['LeakyReLU(alpha=0.2)', new LeakyReLU(0.2)],
    ['Sigmoid', new Sigmoid()],
    ['TanH', new TanH()],
    ['Dropout(p=0.5)', new Dropout(0.5, { rng: createRng(1) })],
  ];
  for (const [name, layer] of cases) {
    it(`${name}: backward before forward, a wrong dout, no tensor`, () => {
      throws(() => layer.backward(Tensor.zeros([2, 2])), Error, `${name}.backward: expected a forward pass first (backward differentiates the last one), got backward before any forward`);
      layer.forward(Tensor.zeros([2, 3, 4]));
      throws(() => layer.backward(Tensor.zeros([2, 12])), Error, `${name}.backward: expected dout of shape [2, 3, 4] (the last output's), got [2, 12]`);
      throws(() => layer.forward(bad(null)), TypeError, `${name}.forward: expected a Tensor of any shape, got null`);
    });
  }
});

describe('CrossEntropyLoss', () => {
  const ce = (): CrossEntropyLoss => new CrossEntropyLoss();
  const scores = Tensor.zeros([3, 4]);

  it('refuses scores that are not [N, C]', () => {
    throws(() => ce().forward(Tensor.zeros([5]), [0]), Error, 'CrossEntropyLoss.forward: expected input of shape [N, C] (class scores), got [5]');
    throws(() => ce().forward(Tensor.zeros([2, 3, 4]), [0, 1]), Error, 'CrossEntropyLoss.forward: expected input of shape [N, C] (class scores), got [2, 3, 4]');
    throws(() => ce().forward(Tensor.zeros([3, 0]), [0, 0, 0]), Error, 'CrossEntropyLoss.forward: expected input of shape [N, C] (class scores), got [3, 0]');
  });

  it('refuses labels that are missing, of the wrong count, out of range or not integers', () => {
    throws(() => ce().forward(scores), Error, 'CrossEntropyLoss.forward: expected labels y, 3 integers in [0, 4), got undefined');
    throws(() => ce().forward(scores, [0, 1]), Error, 'CrossEntropyLoss.forward: expected 3 labels (one per row of the scores), got 2');
    throws(() => ce().forward(scores, [0, 1, 2, 3]), Error, 'CrossEntropyLoss.forward: expected 3 labels (one per row of the scores), got 4');
    throws(() => ce().forward(scores, [0, 4, 1]), RangeError, 'CrossEntropyLoss.forward: expected labels to be integers in [0, 4), got 4 at index 1');
    throws(() => ce().forward(scores, [0, 1, -1]), RangeError, 'CrossEntropyLoss.forward: expected labels to be integers in [0, 4), got -1 at index 2');
    throws(() => ce().forward(scores, [1.5, 1, 1]), RangeError, 'CrossEntropyLoss.forward: expected labels to be integers in [0, 4), got 1.5 at index 0');
    throws(() => ce().forward(scores, [0, Number.NaN, 1]), RangeError, 'CrossEntropyLoss.forward: expected labels to be integers in [0, 4), got NaN at index 1');
    throws(() => ce().forward(scores, Float32Array.from([0, 2.25, 1])), RangeError, 'CrossEntropyLoss.forward: expected labels to be integers in [0, 4), got 2.25 at index 1');
  });

  it('refuses backward before forward and a dout that is not a scalar', () => {
    const loss = ce();
    throws(() => loss.backward(), Error, 'CrossEntropyLoss.backward: expected a forward pass first (backward differentiates the last one), got backward before any forward');
    loss.forward(scores, [0, 1, 2]);
    throws(() => loss.backward(Tensor.zeros([2])), Error, "CrossEntropyLoss.backward: expected dout of shape [] (the last output's), got [2]");
  });

  it('a refused forward leaves no state for backward', () => {
    const loss = ce();
    loss.forward(scores, [0, 1, 2]);
    expect(() => loss.forward(scores, [0, 9, 2])).toThrow(RangeError);
    expect(() => loss.backward()).toThrow('got backward before any forward');
  });
});

describe('containers', () => {
  it('Sequential refuses what is not a Layer', () => {
    throws(() => new Sequential(new ReLU(), bad(3)), TypeError, 'Sequential: expected a Layer at position 1, got 3');
    throws(() => new Sequential().backward(), Error, 'Sequential.backward: expected dout for an empty Sequential, got nothing');
  });

  it('MLP refuses bad sizes, activations and dropout', () => {
    throws(() => new MLP(0, 2, [3]), RangeError, 'MLP: expected in_features to be an integer ≥ 1, got 0');
    throws(() => new MLP(2, 1.5, [3]), RangeError, 'MLP: expected num_classes to be an integer ≥ 1, got 1.5');
    throws(() => new MLP(2, 2, bad(3)), TypeError, 'MLP: expected hidden_features to be an array of positive integers, got 3');
    throws(() => new MLP(2, 2, [3, 0]), RangeError, 'MLP: expected hidden_features[1] to be an integer ≥ 1, got 0');
    throws(() => new MLP(2, 2, [3], { activation: bad<ActivationName>('gelu') }), RangeError, 'MLP: expected activation to be one of relu, lrelu, sigmoid, tanh, got "gelu"');
    throws(() => new MLP(2, 2, [3], { dropout: 1.5 }), RangeError, 'MLP: expected dropout to be a finite number ≥ 0 and ≤ 1, got 1.5');
    throws(() => new MLP(2, 2, [3], { dropout: Number.NaN }), RangeError, 'MLP: expected dropout to be a finite number ≥ 0 and ≤ 1, got NaN');
  });
});

describe('optimizers', () => {
  const params = (): Param[] => new Linear(2, 2).params();

  it('refuse a learning rate or weight decay that is negative or not a number', () => {
    throws(() => new SGD(params(), { lr: -1 }), RangeError, 'SGD: expected lr to be a finite number ≥ 0, got -1');
    throws(() => new SGD(params(), { lr: Number.NaN }), RangeError, 'SGD: expected lr to be a finite number ≥ 0, got NaN');
    throws(() => new SGD(params(), bad({})), RangeError, 'SGD: expected lr to be a finite number ≥ 0, got undefined');
    throws(() => new SGD(params(), { lr: 0.1, weightDecay: -0.5 }), RangeError, 'SGD: expected weightDecay to be a finite number ≥ 0, got -0.5');
    throws(() => new Adam(params(), { lr: Infinity }), RangeError, 'Adam: expected lr to be a finite number ≥ 0, got Infinity');
    throws(() => new RMSProp(params(), { lr: 0.1, weightDecay: Number.NaN }), RangeError, 'RMSProp: expected weightDecay to be a finite number ≥ 0, got NaN');
    throws(() => new SGD(bad(null), { lr: 0.1 }), TypeError, 'SGD: expected the list returned by layer.params(), got null');
  });

  it('refuse momentum, decay and betas outside [0, 1), and eps ≤ 0', () => {
    throws(() => new MomentumSGD(params(), { lr: 0.1, momentum: 1 }), RangeError, 'MomentumSGD: expected momentum to be a finite number ≥ 0 and < 1, got 1');
    throws(() => new MomentumSGD(params(), { lr: 0.1, momentum: -0.1 }), RangeError, 'MomentumSGD: expected momentum to be a finite number ≥ 0 and < 1, got -0.1');
    throws(() => new MomentumSGD(params(), { lr: 0.1, momentum: Number.NaN }), RangeError, 'MomentumSGD: expected momentum to be a finite number ≥ 0 and < 1, got NaN');
    throws(() => new RMSProp(params(), { lr: 0.1, decay: 1 }), RangeError, 'RMSProp: expected decay to be a finite number ≥ 0 and < 1, got 1');
    throws(() => new RMSProp(params(), { lr: 0.1, eps: 0 }), RangeError, 'RMSProp: expected eps to be a finite number > 0, got 0');
    throws(() => new Adam(params(), { lr: 0.1, eps: -1e-8 }), RangeError, 'Adam: expected eps to be a finite number > 0, got -1e-8');
    throws(() => new Adam(params(), { lr: 0.1, betas: [0.9, 1] }), RangeError, 'Adam: expected betas[1] to be a finite number ≥ 0 and < 1, got 1');
    throws(() => new Adam(params(), { lr: 0.1, betas: [-0.1, 0.999] }), RangeError, 'Adam: expected betas[0] to be a finite number ≥ 0 and < 1, got -0.1');
    throws(() => new Adam(params(), { lr: 0.1, betas: bad([0.9]) }), RangeError, 'Adam: expected betas to be two numbers in [0, 1), got [0.9]');
    throws(() => new Adam(params(), { lr: 0.1, betas: bad('x') }), RangeError, 'Adam: expected betas to be two numbers in [0, 1), got "x"');
  });
});

describe('tensors and generators', () => {
  it('refuse data that does not fill the shape, bad shapes and bad seeds', () => {
    throws(() => new Tensor(new Float32Array(3), [2, 2]), Error, 'Tensor: shape [2, 2] needs 4 values, got 3');
    throws(() => Tensor.zeros([2, -1]), Error, 'Tensor.zeros: expected a shape of non-negative integers, got [2, -1]');
    throws(() => new Tensor(new Float32Array(0), [1.5, 0]), Error, 'Tensor: expected a shape of non-negative integers, got [1.5, 0]');
    throws(() => Tensor.zeros([2, 2]).item(), Error, 'Tensor.item: expected one element, got shape [2, 2]');
    throws(() => Tensor.zeros([4]).reshape([3]), Error, 'Tensor: shape [3] needs 3 values, got 4');
    throws(() => createRng(Number.NaN), Error, 'createRng: expected a finite seed, got NaN');
  });
});

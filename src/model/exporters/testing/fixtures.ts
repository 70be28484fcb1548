/** Models, inputs and the engine's reference outputs shared by the exporters' tests. */
import { CrossEntropyLoss, Dropout, LeakyReLU, Linear, MLP, MSELoss, ReLU, Sequential, Sigmoid, TanH, Tensor, createRng, type Layer, type Rng } from '../../../engine';

export interface Fixture {
  title: string;
  model: Sequential;
  inputFeatures: number;
  layerNames?: string[];
}

/** A Linear with non-zero biases (the engine starts them at 0, which would hide a misplaced bias). */
function linear(inF: number, outF: number, rng: Rng, dtype: 'float32' | 'float64' = 'float32'): Linear {
  const l = new Linear(inF, outF, { rng, wstd: 0.6, dtype });
  for (let i = 0; i < l.b.size; i++) l.b.data[i] = rng.normal() * 0.5;
  return l;
}

export function fixtures(): Fixture[] {
  const rng = createRng(20240611);
  const mlp = new MLP(2, 3, [8, 8], { activation: 'tanh', dropout: 0.25, rng, wstd: 0.8 });
  for (const p of mlp.params()) if (p.name.endsWith('.b')) for (let i = 0; i < p.value.size; i++) p.value.data[i] = rng.normal() * 0.3;
  return [
    {
      title: 'every layer kind, ending with a loss',
      model: new Sequential(
        linear(4, 16, rng),
        new ReLU(),
        linear(16, 12, rng),
        new LeakyReLU(0.2),
        new Dropout(0.5, { rng }),
        linear(12, 10, rng),
        new Sigmoid(),
        linear(10, 8, rng),
        new TanH(),
        linear(8, 3, rng),
        new CrossEntropyLoss(),
      ),
      inputFeatures: 4,
      layerNames: ['fc-in', 'relu', 'hidden 2', 'leaky', 'drop', 'fc3', 'sig', 'fc4', 'tanh', 'logits-layer', 'loss'],
    },
    {
      title: 'no loss, default layer names',
      model: new Sequential(linear(5, 7, rng), new TanH(), linear(7, 2, rng)),
      inputFeatures: 5,
    },
    {
      title: 'an activation before the first Linear, float64 weights',
      model: new Sequential(new Sigmoid(), linear(3, 6, rng, 'float64'), new LeakyReLU(0.01), linear(6, 4, rng, 'float64'), new CrossEntropyLoss()),
      inputFeatures: 3,
    },
    {
      title: "the homework MLP's layers",
      model: new Sequential(...mlp.sequence.layers, new CrossEntropyLoss()),
      inputFeatures: 2,
    },
    {
      title: 'regression: TanH layers ending with a mean squared error loss',
      model: new Sequential(linear(1, 12, rng), new TanH(), linear(12, 12, rng), new TanH(), linear(12, 2, rng), new MSELoss()),
      inputFeatures: 1,
    },
    {
      title: 'no Linear at all',
      model: new Sequential(new Dropout(0.1, { rng }), new ReLU()),
      inputFeatures: 3,
    },
  ];
}

/** A [n, features] batch of values drawn from N(0, 2²), as float32. */
export function randomInput(n: number, features: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n * features);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * 2;
  return out;
}

/** The engine's own evaluation-mode forward pass of the inference layers (the loss excluded). */
export function engineForward(model: Sequential, x: Float32Array, n: number, features: number): Tensor {
  model.eval();
  const dtype = model.params()[0]?.value.dtype ?? 'float32';
  let t = Tensor.from(x, [n, features], dtype);
  for (const l of model.layers) if (!(l instanceof CrossEntropyLoss || l instanceof MSELoss)) t = l.forward(t);
  return t;
}

/** The engine loss's softmax of the scores (labels are irrelevant to the probabilities). */
export function engineProbabilities(model: Sequential, logits: Tensor): Tensor {
  const loss = model.layers[model.layers.length - 1] as Layer;
  if (!(loss instanceof CrossEntropyLoss)) throw new Error('engineProbabilities: the model has no loss');
  loss.forward(logits, new Int32Array(logits.shape[0]));
  return loss.probabilities!;
}

/**
 * Throws unless every value is within `rel` of the expected one, relative to the larger of
 * its own magnitude and the largest magnitude in its row (so values near zero, produced by
 * cancellation, are held to the row's scale rather than to an impossible relative bound).
 */
export function expectClose(what: string, actual: ArrayLike<number>, expected: Tensor, rel = 1e-5): void {
  const e = expected.data;
  if (actual.length !== e.length) throw new Error(`${what}: expected ${e.length} values, got ${actual.length}`);
  const cols = expected.shape[expected.shape.length - 1] || 1;
  for (let i = 0; i < e.length; i++) {
    const row = Math.floor(i / cols) * cols;
    let scale = 0;
    for (let j = row; j < row + cols; j++) scale = Math.max(scale, Math.abs(e[j]));
    const tol = rel * Math.max(Math.abs(e[i]), scale, 1e-30);
    if (!(Math.abs(actual[i] - e[i]) <= tol)) {
      throw new Error(`${what}: value ${i} (row ${Math.floor(i / cols)}, column ${i % cols}) is ${actual[i]}, expected ${e[i]} ± ${tol}`);
    }
  }
}

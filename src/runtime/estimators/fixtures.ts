/** Test-only: small models, batches and reference gradients for the estimators' tests. */
import { CrossEntropyLoss, Dropout, Linear, MLP, MSELoss, Sequential, Tensor, createRng, walkLayers, type DType, type Layer } from '../../engine';

export interface Problem {
  model: Sequential;
  x: Tensor;
  y: ArrayLike<number>;
}

/** MLP(3 → hidden → 2) + cross-entropy on 6 samples; non-zero biases. */
export function classifier(options: { dtype?: DType; hidden?: number[]; dropout?: number; activation?: 'relu' | 'tanh' | 'sigmoid' | 'lrelu'; seed?: number } = {}): Problem {
  const { dtype = 'float64', hidden = [4], dropout = 0, activation = 'tanh', seed = 1 } = options;
  const rng = createRng(seed);
  const mlp = new MLP(3, 2, hidden, { activation, dropout, wstd: 0.7, rng });
  for (const p of mlp.params()) if (p.name.endsWith('b')) p.value.data.forEach((_, i, d) => (d[i] = rng.normal() * 0.2));
  const model = new Sequential(mlp.clone(dtype), new CrossEntropyLoss());
  const x = Tensor.randn([6, 3], rng, 1, dtype);
  const y = Int32Array.from({ length: 6 }, () => rng.int(2));
  return { model, x, y };
}

/** Linear(3 → 2) + MSELoss: the loss is a quadratic function of the parameters. */
export function quadratic(dtype: DType = 'float64', seed = 2): Problem {
  const rng = createRng(seed);
  const fc = new Linear(3, 2, { rng, wstd: 0.5, dtype });
  fc.b.data.set([0.3, -0.2]);
  const model = new Sequential(fc, new MSELoss());
  const x = Tensor.randn([5, 3], rng, 1, dtype);
  const y = Float64Array.from({ length: 10 }, () => rng.normal());
  return { model, x, y };
}

/** The exact gradient by backprop on a copy (same weights, same dropout masks), and where the copy's dropout generators ended. */
export function reference(p: Problem): { grads: Float64Array[]; loss: number; rngStates: number[][] } {
  const copy = p.model.clone();
  const loss = copy.forward(p.x, p.y).item();
  copy.zeroGrad();
  copy.backward();
  return {
    grads: copy.params().map((q) => Float64Array.from(q.grad.data)),
    loss,
    rngStates: dropoutStates(copy),
  };
}

export function dropoutStates(model: Layer): number[][] {
  return [...walkLayers(model)].filter((l): l is Dropout => l instanceof Dropout).map((d) => d.rng.getState());
}

export function paramCount(model: Layer): number {
  return model.params().reduce((s, p) => s + p.value.size, 0);
}

export function snapshotValues(model: Layer): number[][] {
  return model.params().map((p) => Array.from(p.value.data));
}

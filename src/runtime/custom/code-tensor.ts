import { allocate, formatShape, shapeSize, Tensor, type DType, type Rng, type TensorData } from '../../engine';

/**
 * The tensor a custom layer's code sees: a small, immutable-by-default array API mirroring
 * what the homework's layers use of torch (elementwise maths, matmul, transpose, sums over
 * the batch), over the engine's float32 or float64 data. Every allocation goes through
 * `AllocationBudget`, so code cannot take the worker's memory through this API.
 */

/** Numbers one tensor may hold (8 M: 64 MB in float64). */
export const MAX_TENSOR_ELEMENTS = 8_000_000;
/** Numbers one call into custom code may allocate in all. */
export const MAX_CALL_ELEMENTS = 64_000_000;

export class BudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetError';
  }
}

/** Counts what one call into custom code allocates, and refuses past the caps. */
export class AllocationBudget {
  used = 0;
  dtype: DType = 'float32';
  rng: Rng | null = null;

  take(shape: readonly number[]): number {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) throw new Error(`a tensor's shape must hold non-negative integers, got ${formatShape(shape)}`);
    }
    const n = shapeSize(shape);
    if (n > MAX_TENSOR_ELEMENTS) {
      throw new BudgetError(`a tensor of shape ${formatShape(shape)} would hold ${n.toExponential(2)} numbers; a custom layer's tensors hold at most ${MAX_TENSOR_ELEMENTS.toLocaleString('en-US')}`);
    }
    if (this.used + n > MAX_CALL_ELEMENTS) {
      throw new BudgetError(`one call allocated more than ${MAX_CALL_ELEMENTS.toLocaleString('en-US')} numbers in tensors (the memory budget of a custom layer)`);
    }
    this.used += n;
    return n;
  }
}

type Operand = CodeTensor | number;

export class CodeTensor {
  readonly shape: readonly number[];
  /** @internal the engine's data, row-major. */
  readonly data: TensorData;
  readonly #budget: AllocationBudget;

  constructor(data: TensorData, shape: readonly number[], budget: AllocationBudget) {
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.#budget = budget;
  }

  static wrap(t: Tensor, budget: AllocationBudget): CodeTensor {
    return new CodeTensor(t.data, t.shape, budget);
  }

  static alloc(shape: readonly number[], budget: AllocationBudget, dtype: DType = budget.dtype): CodeTensor {
    budget.take(shape);
    return new CodeTensor(allocate(dtype, shapeSize(shape)), shape, budget);
  }

  toEngine(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  private offset(idx: readonly number[]): number {
    if (idx.length !== this.shape.length) throw new Error(`expected ${this.shape.length} indices for shape ${formatShape(this.shape)}, got ${idx.length}`);
    let o = 0;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      if (!Number.isInteger(i) || i < 0 || i >= this.shape[k]) throw new Error(`index ${i} is out of range for dimension ${k} of shape ${formatShape(this.shape)}`);
      o = o * this.shape[k] + i;
    }
    return o;
  }

  /** The entry at an index per dimension: `x.get(n, i)`. */
  get(...idx: number[]): number {
    return this.data[this.offset(idx)];
  }

  /** Sets the entry at an index per dimension, the value last: `x.set(n, i, 0.5)`. */
  set(...args: number[]): void {
    const v = args.pop()!;
    this.data[this.offset(args)] = v;
  }

  private like(shape: readonly number[] = this.shape): CodeTensor {
    return CodeTensor.alloc(shape, this.#budget, this.data instanceof Float64Array ? 'float64' : 'float32');
  }

  /** f applied to each entry (value, flat index). */
  map(f: (v: number, i: number) => number): CodeTensor {
    const out = this.like();
    const d = this.data, o = out.data;
    for (let i = 0; i < d.length; i++) o[i] = f(d[i], i);
    return out;
  }

  /**
   * f applied entry by entry to this and another tensor or number. The other may also be a
   * tensor of this one's trailing dimensions (a bias of shape [F] against [N, F]), repeated.
   */
  zip(other: Operand, f: (a: number, b: number, i: number) => number): CodeTensor {
    const out = this.like();
    const d = this.data, o = out.data;
    if (typeof other === 'number') {
      for (let i = 0; i < d.length; i++) o[i] = f(d[i], other, i);
      return out;
    }
    if (!(other instanceof CodeTensor)) throw new Error('expected a tensor or a number');
    const s = other.shape, n = s.length;
    const trailing = n <= this.shape.length && s.every((dim, k) => dim === this.shape[this.shape.length - n + k]);
    if (!trailing) throw new Error(`shapes ${formatShape(this.shape)} and ${formatShape(s)} do not match (the second may be the first's trailing dimensions)`);
    const e = other.data, m = e.length;
    for (let i = 0; i < d.length; i++) o[i] = f(d[i], e[m === d.length ? i : i % m], i);
    return out;
  }

  add(o: Operand): CodeTensor {
    return this.zip(o, (a, b) => a + b);
  }
  sub(o: Operand): CodeTensor {
    return this.zip(o, (a, b) => a - b);
  }
  mul(o: Operand): CodeTensor {
    return this.zip(o, (a, b) => a * b);
  }
  div(o: Operand): CodeTensor {
    return this.zip(o, (a, b) => a / b);
  }
  neg(): CodeTensor {
    return this.map((v) => -v);
  }
  exp(): CodeTensor {
    return this.map(Math.exp);
  }
  log(): CodeTensor {
    return this.map(Math.log);
  }
  tanh(): CodeTensor {
    return this.map(Math.tanh);
  }
  sigmoid(): CodeTensor {
    return this.map((v) => 1 / (1 + Math.exp(-v)));
  }
  /** Entries where `cond` is non-zero take this tensor's value, others `other`'s. */
  where(cond: CodeTensor, other: Operand): CodeTensor {
    const c = cond.data;
    if (c.length !== this.size) throw new Error(`where: the condition has shape ${formatShape(cond.shape)}, not ${formatShape(this.shape)}`);
    return this.zip(other, (a, b, i) => (c[i] !== 0 ? a : b));
  }

  /** The matrix product of two 2-D tensors: [n, k]·[k, m] → [n, m]. */
  matmul(other: CodeTensor): CodeTensor {
    if (!(other instanceof CodeTensor)) throw new Error('matmul expects a tensor');
    if (this.ndim !== 2 || other.ndim !== 2 || this.shape[1] !== other.shape[0]) {
      throw new Error(`matmul needs [n, k]·[k, m], got ${formatShape(this.shape)}·${formatShape(other.shape)}`);
    }
    const [n, k] = this.shape, m = other.shape[1];
    const out = this.like([n, m]);
    const a = this.data, b = other.data, o = out.data;
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < k; p++) {
        const v = a[i * k + p];
        if (v === 0) continue;
        for (let j = 0; j < m; j++) o[i * m + j] += v * b[p * m + j];
      }
    }
    return out;
  }

  /** The transpose of a 2-D tensor. */
  T(): CodeTensor {
    if (this.ndim !== 2) throw new Error(`T() transposes a 2-D tensor, got shape ${formatShape(this.shape)}`);
    const [n, m] = this.shape;
    const out = this.like([m, n]);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out.data[j * n + i] = this.data[i * m + j];
    return out;
  }

  /** The sum of all entries (no axis), or over one axis (the batch: `sum(0)` of [N, F] is [F]). */
  sum(axis?: number): number | CodeTensor {
    if (axis === undefined) {
      let s = 0;
      for (let i = 0; i < this.data.length; i++) s += this.data[i];
      return s;
    }
    if (!Number.isInteger(axis) || axis < 0 || axis >= this.ndim) throw new Error(`sum: axis ${axis} is not a dimension of shape ${formatShape(this.shape)}`);
    const outer = shapeSize(this.shape.slice(0, axis)), len = this.shape[axis], inner = shapeSize(this.shape.slice(axis + 1));
    const out = this.like([...this.shape.slice(0, axis), ...this.shape.slice(axis + 1)]);
    for (let a = 0; a < outer; a++) for (let j = 0; j < len; j++) for (let b = 0; b < inner; b++) out.data[a * inner + b] += this.data[(a * len + j) * inner + b];
    return out;
  }

  reshape(shape: readonly number[]): CodeTensor {
    if (shapeSize(shape) !== this.size) throw new Error(`reshape: ${formatShape(shape)} does not hold the ${this.size} entries of ${formatShape(this.shape)}`);
    return new CodeTensor(this.data, shape, this.#budget);
  }

  clone(): CodeTensor {
    const out = this.like();
    out.data.set(this.data);
    return out;
  }

  /** Adds another tensor of the same shape into this one (how backward accumulates a gradient). */
  addInPlace(other: CodeTensor): this {
    if (!(other instanceof CodeTensor) || other.size !== this.size) throw new Error(`addInPlace: expected a tensor of shape ${formatShape(this.shape)}`);
    for (let i = 0; i < this.data.length; i++) this.data[i] += other.data[i];
    return this;
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)})`;
  }
}

/** The factories code gets beside the Tensor methods. */
export function tensorFactories(budget: AllocationBudget) {
  const check = (shape: unknown): readonly number[] => {
    if (!Array.isArray(shape)) throw new Error('a shape is an array of sizes, e.g. [outFeatures, inFeatures]');
    return shape as number[];
  };
  const zeros = (shape: number[]) => CodeTensor.alloc(check(shape), budget);
  return {
    zeros,
    ones: (shape: number[]) => full(shape, 1),
    full,
    zerosLike: (t: CodeTensor) => zeros(t.shape as number[]),
    /** Normal entries with standard deviation std, from the layer's seeded generator. */
    randn(shape: number[], std = 1) {
      const t = zeros(shape);
      const rng = budget.rng;
      if (!rng) throw new Error('randn is for initial weights: call it in the constructor');
      for (let i = 0; i < t.data.length; i++) t.data[i] = rng.normal() * std;
      return t;
    },
    tensor(values: number[], shape?: number[]) {
      if (!Array.isArray(values)) throw new Error('tensor() takes an array of numbers');
      const t = zeros(shape ?? [values.length]);
      if (t.size !== values.length) throw new Error(`tensor(): ${values.length} values do not fill shape ${formatShape(t.shape)}`);
      for (let i = 0; i < values.length; i++) t.data[i] = Number(values[i]);
      return t;
    },
  };
  function full(shape: number[], v: number) {
    const t = zeros(shape);
    t.data.fill(v);
    return t;
  }
}

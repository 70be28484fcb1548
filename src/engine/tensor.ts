import type { Rng } from './rng';

export type DType = 'float32' | 'float64';
export type TensorData = Float32Array | Float64Array;

/** Total number of elements of a shape. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function checkShape(shape: readonly number[], where: string): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`${where}: expected a shape of non-negative integers, got ${formatShape(shape)}`);
    }
  }
}

export function allocate(dtype: DType, size: number): TensorData {
  return dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
}

/**
 * A dense, row-major n-dimensional array of float32 (the default) or float64 numbers.
 * `data` is writable: weights can be set through it.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly data: TensorData;

  constructor(data: TensorData, shape: readonly number[]) {
    let size = 1;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i];
      if (!Number.isInteger(d) || d < 0) checkShape(shape, 'Tensor');
      size *= d;
    }
    if (data.length !== size) {
      throw new Error(`Tensor: shape ${formatShape(shape)} needs ${size} values, got ${data.length}`);
    }
    this.data = data;
    // A frozen shape (another tensor's) can be shared as it is.
    this.shape = Object.isFrozen(shape) ? shape : Object.freeze(shape.slice());
  }

  get dtype(): DType {
    return this.data instanceof Float64Array ? 'float64' : 'float32';
  }

  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /**
   * A tensor from numbers. Typed arrays of the tensor's dtype are used as they are
   * (not copied); anything else is copied.
   */
  static from(data: ArrayLike<number>, shape?: readonly number[], dtype?: DType): Tensor {
    const s = shape ?? [data.length];
    const want = dtype ?? (data instanceof Float64Array ? 'float64' : 'float32');
    if ((want === 'float32' && data instanceof Float32Array) || (want === 'float64' && data instanceof Float64Array)) {
      return new Tensor(data, s);
    }
    const out = allocate(want, data.length);
    for (let i = 0; i < data.length; i++) out[i] = data[i];
    return new Tensor(out, s);
  }

  static zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    checkShape(shape, 'Tensor.zeros');
    return new Tensor(allocate(dtype, shapeSize(shape)), shape);
  }

  static full(shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor {
    const t = Tensor.zeros(shape, dtype);
    t.data.fill(value);
    return t;
  }

  /** Standard normal entries (times `std`) drawn from `rng`. */
  static randn(shape: readonly number[], rng: Rng, std = 1, dtype: DType = 'float32'): Tensor {
    const t = Tensor.zeros(shape, dtype);
    const d = t.data;
    for (let i = 0; i < d.length; i++) d[i] = rng.normal() * std;
    return t;
  }

  /** A copy, optionally converted to another dtype. */
  clone(dtype: DType = this.dtype): Tensor {
    const out = allocate(dtype, this.size);
    out.set(this.data);
    return new Tensor(out, this.shape);
  }

  /** The same data seen with another shape of the same size. */
  reshape(shape: readonly number[]): Tensor {
    return new Tensor(this.data, shape);
  }

  /** The value of a tensor with one element. */
  item(): number {
    if (this.size !== 1) throw new Error(`Tensor.item: expected one element, got shape ${formatShape(this.shape)}`);
    return this.data[0];
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype})`;
  }
}

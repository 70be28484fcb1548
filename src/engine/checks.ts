import { formatShape, type Tensor } from './tensor';

/** Throws unless `value` is a finite number within [min, max] (bounds inclusive unless told). */
export function checkNumber(
  where: string,
  name: string,
  value: unknown,
  opts: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; integer?: boolean } = {},
): number {
  const { min, max, minExclusive = false, maxExclusive = false, integer = false } = opts;
  const range =
    (min !== undefined ? `${minExclusive ? '>' : '≥'} ${min}` : '') +
    (min !== undefined && max !== undefined ? ' and ' : '') +
    (max !== undefined ? `${maxExclusive ? '<' : '≤'} ${max}` : '');
  const kind = integer ? 'an integer' : 'a finite number';
  const expected = `${name} to be ${kind}${range ? ` ${range}` : ''}`;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (minExclusive ? value > min : value >= min)) &&
    (max === undefined || (maxExclusive ? value < max : value <= max));
  if (!ok) throw new RangeError(`${where}: expected ${expected}, got ${describe(value)}`);
  return value as number;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

/** Throws unless `x` is a tensor with at least `minDims` dimensions whose last one is `lastDim` (when given). */
export function checkInput(where: string, x: unknown, expected: string, ok: (t: Tensor) => boolean): Tensor {
  const t = x as Tensor;
  if (!t || typeof t !== 'object' || !('shape' in t) || !('data' in t)) {
    throw new TypeError(`${where}: expected a Tensor ${expected}, got ${describe(x)}`);
  }
  if (!ok(t)) throw new Error(`${where}: expected input of shape ${expected}, got ${formatShape(t.shape)}`);
  return t;
}

/** The gradient arriving at a layer must have exactly the shape of the layer's last output. */
export function checkGrad(where: string, dout: Tensor | undefined, outShape: readonly number[]): Tensor {
  if (dout === undefined) {
    throw new Error(`${where}: expected dout, the gradient of shape ${formatShape(outShape)} of the loss with respect to the output, got nothing`);
  }
  const same = dout.shape.length === outShape.length && dout.shape.every((d, i) => d === outShape[i]);
  if (!same) throw new Error(`${where}: expected dout of shape ${formatShape(outShape)} (the last output's), got ${formatShape(dout.shape)}`);
  return dout;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

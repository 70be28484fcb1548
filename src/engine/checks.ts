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

/** Names the failing call, e.g. `Linear(in_features=2, out_features=3).forward`; built only on error. */
export function at(owner: object, method: string): string {
  return `${String(owner)}.${method}`;
}

/** The error of a backward pass with nothing saved by a forward pass to differentiate. */
export function backwardBeforeForward(owner: object): Error {
  return new Error(`${at(owner, 'backward')}: expected a forward pass first (backward differentiates the last one), got backward before any forward`);
}

/**
 * Throws unless `x` is a tensor accepted by `ok`. `expected` describes the accepted shape; a
 * function is called only on error, so the hot path builds no strings.
 */
export function checkInput(owner: object, method: string, x: unknown, expected: string | (() => string), ok: (t: Tensor) => boolean): Tensor {
  const t = x as Tensor;
  if (!t || typeof t !== 'object' || !('shape' in t) || !('data' in t)) {
    throw new TypeError(`${at(owner, method)}: expected a Tensor ${text(expected)}, got ${describe(x)}`);
  }
  if (!ok(t)) throw new Error(`${at(owner, method)}: expected input of shape ${text(expected)}, got ${formatShape(t.shape)}`);
  return t;
}

function text(s: string | (() => string)): string {
  return typeof s === 'string' ? s : s();
}

/** The gradient arriving at a layer must have exactly the shape of the layer's last output. */
export function checkGrad(owner: object, method: string, dout: Tensor | undefined, outShape: readonly number[]): Tensor {
  if (dout === undefined) {
    throw new Error(`${at(owner, method)}: expected dout, the gradient of shape ${formatShape(outShape)} of the loss with respect to the output, got nothing`);
  }
  if (!dout || typeof dout !== 'object' || !('shape' in dout) || !('data' in dout)) {
    throw new TypeError(`${at(owner, method)}: expected dout to be a Tensor of shape ${formatShape(outShape)}, got ${describe(dout)}`);
  }
  if (!sameShape(dout.shape, outShape)) {
    throw new Error(`${at(owner, method)}: expected dout of shape ${formatShape(outShape)} (the last output's), got ${formatShape(dout.shape)}`);
  }
  return dout;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The error of a JVP with no forward pass to differentiate at. */
export function jvpBeforeForward(owner: object): Error {
  return new Error(`${at(owner, 'jvp')}: expected a forward pass first (jvp differentiates at the last one), got jvp before any forward`);
}

/** A tangent must be a tensor of exactly `shape` (that of the value it perturbs). */
export function checkTangent(owner: object, name: string, t: Tensor, shape: readonly number[], of: string): Tensor {
  if (!t || typeof t !== 'object' || !('shape' in t) || !('data' in t)) {
    throw new TypeError(`${at(owner, 'jvp')}: expected ${name} to be a Tensor of shape ${formatShape(shape)} or null, got ${describe(t)}`);
  }
  if (!sameShape(t.shape, shape)) {
    throw new Error(`${at(owner, 'jvp')}: expected ${name} of shape ${formatShape(shape)} (${of}), got ${formatShape(t.shape)}`);
  }
  return t;
}

/**
 * The parameter tangents of a JVP: absent, or one entry per parameter in `params()` order,
 * each null (a zero tangent) or a tensor of that parameter's shape.
 */
export function checkParamTangents(
  owner: object,
  dparams: readonly (Tensor | null)[] | undefined,
  params: readonly { name: string; value: Tensor }[],
): readonly (Tensor | null)[] | undefined {
  if (dparams === undefined || dparams === null) return undefined;
  if (!Array.isArray(dparams)) {
    throw new TypeError(`${at(owner, 'jvp')}: expected dparams to be an array of ${params.length} tangents (one per parameter), got ${describe(dparams)}`);
  }
  if (dparams.length !== params.length) {
    const names = params.length ? ` (${params.map((p) => p.name).join(', ')})` : '';
    throw new Error(`${at(owner, 'jvp')}: expected dparams to hold ${params.length} tangents, one per parameter${names}, got ${dparams.length}`);
  }
  params.forEach((p, i) => {
    const t = dparams[i];
    if (t !== null && t !== undefined) checkTangent(owner, `dparams[${i}]`, t, p.value.shape, `the shape of ${p.name}`);
  });
  return dparams;
}

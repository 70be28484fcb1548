import type { NodeParams, ParamSpec } from './kind';

/** Largest feature count of any tensor's second dimension. */
export const MAX_FEATURES = 1_000_000;

/** A feature count: a positive whole number up to MAX_FEATURES; without a default it is inferred. */
export function sizeParam(name: string, label: string, help: string, def?: number): ParamSpec {
  return { name, label, kind: 'integer', min: 1, max: MAX_FEATURES, help, ...(def === undefined ? { optional: true } : { default: def }) };
}

/** A parameter's value with its default applied: what the model is built with. */
export function paramValue(spec: ParamSpec, p: NodeParams): number | undefined {
  return Object.hasOwn(p, spec.name) && p[spec.name] !== undefined ? p[spec.name] : spec.default;
}

/**
 * Why a parameter value is not acceptable, in words for the user, or null when it is.
 * An absent value takes the default, so only a parameter without one can be missing.
 */
export function checkParamValue(spec: ParamSpec, value: unknown): string | null {
  if (value === undefined || value === null) return spec.optional || spec.default !== undefined ? null : `${spec.label} is required`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.label} must be a finite number`;
  if (spec.kind === 'integer' && !Number.isInteger(value)) return `${spec.label} must be a whole number, got ${value}`;
  const lo = spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min);
  const hi = spec.max !== undefined && (spec.maxExclusive ? value >= spec.max : value > spec.max);
  if (lo || hi) return `${spec.label} must be ${rangeText(spec)}, got ${value}`;
  return null;
}

/** The allowed range in words: "a positive whole number and ≤ 1,000,000", "≥ 0 and < 1". */
export function rangeText(spec: ParamSpec): string {
  const parts: string[] = [];
  if (spec.kind === 'integer' && spec.min === 1) parts.push('a positive whole number');
  else if (spec.min !== undefined) parts.push(`${spec.minExclusive ? '>' : '≥'} ${spec.min}`);
  if (spec.max !== undefined) parts.push(`${spec.maxExclusive ? '<' : '≤'} ${spec.max.toLocaleString('en-US')}`);
  return parts.join(' and ');
}

/** Every parameter with a value (given or default), in the kind's order. */
export function resolveParams(specs: readonly ParamSpec[], p: NodeParams): Record<string, number> {
  const out: Record<string, number> = {};
  for (const spec of specs) {
    const v = paramValue(spec, p);
    if (v !== undefined) out[spec.name] = v;
  }
  return out;
}

/** True for a usable feature count. */
export function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_FEATURES;
}

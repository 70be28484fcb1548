import { DEAD_UNITS } from './dead-units';
import { DIVERGENCE } from './divergence';
import { EXPLODING } from './exploding';
import { NON_FINITE } from './non-finite';
import { PLATEAU } from './plateau';
import type { ConditionKind, ConditionModule, ConditionValues } from './types';
import { VANISHING } from './vanishing';

/**
 * Every breakpoint condition, in the order they are checked on a step (and listed in the
 * panel): when two hold at once, the first names the run's pause. A NaN comes before the
 * divergence it causes.
 */
export const CONDITIONS: readonly ConditionModule[] = [NON_FINITE, DIVERGENCE, DEAD_UNITS, VANISHING, EXPLODING, PLATEAU];

export const CONDITION_KINDS = CONDITIONS.map((c) => c.kind) as [ConditionKind, ...ConditionKind[]];

export function conditionModule(kind: ConditionKind): ConditionModule {
  const m = CONDITIONS.find((c) => c.kind === kind);
  if (!m) throw new Error(`Unknown breakpoint condition ${kind}.`);
  return m;
}

/** A condition's parameters: its defaults, overridden by the values an entry gives. */
export function conditionValues(m: ConditionModule, entry?: Readonly<Record<string, unknown>>): ConditionValues {
  const values: Record<string, number> = {};
  for (const p of m.params) {
    const v = entry?.[p.name];
    values[p.name] = typeof v === 'number' ? v : p.default;
  }
  return values;
}

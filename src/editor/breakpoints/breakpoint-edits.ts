import { conditionModule, conditionValues, MAX_BREAKPOINTS, percentText, type BreakpointEntry, type ConditionKind, type ConditionParam, type ConditionValues } from '../../model';

/**
 * The document's breakpoints as the panel and the context menu edit them: one entry per
 * condition model-wide and one per condition and node at most; an edit replaces the entry
 * it concerns (or adds it), so the list stays short and each edit is one undo step.
 */

export interface ConditionSetting {
  on: boolean;
  values: ConditionValues;
  /** Whether the document has an entry for it (else the condition's defaults, or the model-wide setting for a node). */
  stored: boolean;
}

const same = (e: BreakpointEntry, kind: ConditionKind, node: string | undefined) => e.condition === kind && e.node === node;

/** The setting in force for a condition, model-wide (`node` absent) or for one node. */
export function conditionSetting(list: readonly BreakpointEntry[] | undefined, kind: ConditionKind, node?: string): ConditionSetting {
  const m = conditionModule(kind);
  const find = (n: string | undefined) => [...(list ?? [])].reverse().find((e) => same(e, kind, n));
  const own = find(node);
  const entry = own ?? (node === undefined ? undefined : find(undefined));
  return { on: entry?.on ?? m.onByDefault, values: conditionValues(m, entry), stored: !!own };
}

/** The list with a condition set (model-wide, or for `node`): on or off and its values, every earlier entry for it replaced. */
export function setCondition(list: readonly BreakpointEntry[] | undefined, kind: ConditionKind, node: string | undefined, change: { on?: boolean; values?: Partial<Record<string, number>> }): BreakpointEntry[] {
  const current = conditionSetting(list, kind, node);
  const entry: BreakpointEntry = { condition: kind, on: change.on ?? current.on, ...(node === undefined ? {} : { node }), ...current.values, ...change.values };
  const rest = (list ?? []).filter((e) => !same(e, kind, node));
  if (rest.length >= MAX_BREAKPOINTS) throw new Error(`A model holds at most ${MAX_BREAKPOINTS} breakpoints.`);
  return [...rest, entry];
}

/** The list without a node's own entry for a condition (the model-wide setting applies to it again). */
export function removeCondition(list: readonly BreakpointEntry[] | undefined, kind: ConditionKind, node: string): BreakpointEntry[] {
  return (list ?? []).filter((e) => !same(e, kind, node));
}

/** The entries set for single nodes, in the order they were added. */
export function nodeEntries(list: readonly BreakpointEntry[] | undefined, kind: ConditionKind): BreakpointEntry[] {
  return (list ?? []).filter((e) => e.condition === kind && e.node !== undefined);
}

/** A parameter's value as its field shows it (a share as a percentage). */
export function paramText(p: ConditionParam, v: number): string {
  return p.percent ? String(Number((v * 100).toFixed(6))) : String(v);
}

/** What is wrong with a typed parameter, or null. */
export function paramError(p: ConditionParam, text: string): string | null {
  const r = parseParam(p, text);
  return 'error' in r ? r.error : null;
}

/** A typed parameter as the document stores it, or what is wrong with it. */
export function parseParam(p: ConditionParam, text: string): { value: number } | { error: string } {
  const t = text.trim();
  if (!t) return { error: 'Enter a number.' };
  const typed = Number(t);
  if (!Number.isFinite(typed)) return { error: `"${t.slice(0, 20)}" is not a number.` };
  if (p.integer && !Number.isInteger(typed)) return { error: 'Enter a whole number.' };
  const value = p.percent ? typed / 100 : typed;
  const shown = (v: number) => (p.percent ? percentText(v) : String(v));
  if (p.exclusiveMin ? value <= p.min : value < p.min) return { error: `Must be ${p.exclusiveMin ? 'over' : 'at least'} ${shown(p.min)}.` };
  if (value > p.max) return { error: `Must be at most ${shown(p.max)}.` };
  return { value };
}

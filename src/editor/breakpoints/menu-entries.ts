import { CONDITIONS, type BreakpointEntry, type ConditionKind, type NodeType } from '../../model';
import { conditionSetting } from './breakpoint-edits';

export interface BreakpointMenuEntry {
  kind: ConditionKind;
  /** E.g. "Pause when over 50% of its units are dead". */
  label: string;
  /** Whether the condition watches this node now (its own entry, or the model-wide setting). */
  on: boolean;
}

/** A node's "Pause when…" entries: the per-layer conditions that apply to its kind, with their values for it. */
export function breakpointMenuEntries(list: readonly BreakpointEntry[] | undefined, nodeId: string, type: NodeType, hasParams: boolean): BreakpointMenuEntry[] {
  return CONDITIONS.filter((m) => m.scope === 'layer' && m.appliesTo?.(type, hasParams)).map((m) => {
    const s = conditionSetting(list, m.kind, nodeId);
    return { kind: m.kind, label: m.menuLabel!(s.values), on: s.on };
  });
}

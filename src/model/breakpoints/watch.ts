import { conditionValues, CONDITIONS } from './registry';
import type { ConditionCheck, ConditionHit, ConditionKind, ConditionModule, ConditionValues, EvaluationView, StepView } from './types';
import type { NodeType } from '../kinds';

/** A breakpoint entry of the document (see BreakpointSchema): a condition on or off, model-wide or for one node, with its parameters. */
export interface BreakpointEntry {
  condition: ConditionKind;
  on: boolean;
  node?: string;
  [param: string]: unknown;
}

/** The pause a breakpoint caused: which condition, where, and the sentence with its numbers. */
export interface BreakpointHit extends ConditionHit {
  condition: ConditionKind;
  /** The condition's name, e.g. "Dead ReLUs". */
  label: string;
  step: number;
  /** Other conditions that began to hold on the same step. */
  also: string[];
}

export interface WatchedLayer {
  nodeId: string;
  type: NodeType;
  hasParams: boolean;
}

interface Armed {
  kind: ConditionKind;
  /** The condition, its layer and its values: what makes two armings the same. */
  key: string;
  label: string;
  check: ConditionCheck;
  /** Fired and not yet cleared: it holds still, so it does not fire again (see BreakpointWatch). */
  latched: boolean;
}

/** The entry that sets a condition for a node (or model-wide, without `node`): the last one given wins. */
function entryFor(entries: readonly BreakpointEntry[], kind: ConditionKind, node: string | undefined): BreakpointEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].condition === kind && entries[i].node === node) return entries[i];
  return undefined;
}

function arm(m: ConditionModule, values: ConditionValues, layer: number | null, nodeId: string): Armed {
  return { kind: m.kind, key: `${m.kind}|${nodeId}|${JSON.stringify(values)}`, label: m.label, check: m.arm(values, layer), latched: false };
}

/**
 * The conditions a document turns on, armed for one run over these layers. A per-layer
 * condition is checked on every layer it applies to, with the layer's own entry when it
 * has one, else the model-wide entry, else the condition's defaults.
 */
export function armBreakpoints(entries: readonly BreakpointEntry[] | undefined, layers: readonly WatchedLayer[]): BreakpointWatch {
  const list = entries ?? [];
  const armed: Armed[] = [];
  for (const m of CONDITIONS) {
    const wide = entryFor(list, m.kind, undefined);
    if (m.scope === 'model') {
      if (wide?.on ?? m.onByDefault) armed.push(arm(m, conditionValues(m, wide), null, ''));
      continue;
    }
    layers.forEach((l, i) => {
      if (!m.appliesTo?.(l.type, l.hasParams)) return;
      const entry = entryFor(list, m.kind, l.nodeId) ?? wide;
      if (entry?.on ?? m.onByDefault) armed.push(arm(m, conditionValues(m, entry), i, l.nodeId));
    });
  }
  return new BreakpointWatch(armed);
}

/**
 * Checks the armed conditions on every step and evaluation, and says when one begins to
 * hold. A debugger's watchpoint: a condition fires when it becomes true, and after the
 * pause (Resume, Step) it stays quiet while it still holds; once it has cleared on a step
 * it may fire again. Every check runs on every step, so conditions that keep state (the
 * lowest loss, the best accuracy) see the whole run.
 */
export class BreakpointWatch {
  constructor(private armed: readonly Armed[]) {}

  /**
   * Takes the conditions of `next` (the breakpoints edited while the run is paused),
   * keeping the state of those armed the same way before: an unchanged condition keeps its
   * lowest loss or best accuracy, and one that fired stays quiet until it clears.
   */
  rearm(next: BreakpointWatch): void {
    const old = new Map(this.armed.map((a) => [a.key, a]));
    this.armed = next.armed.map((a) => old.get(a.key) ?? a);
  }

  /** The conditions armed, e.g. ['non-finite', 'divergence', 'dead-units', 'dead-units']. */
  get kinds(): ConditionKind[] {
    return this.armed.map((a) => a.kind);
  }

  step(view: StepView): BreakpointHit | null {
    return this.run(view.step, (c) => c.step?.(view));
  }

  evaluation(view: EvaluationView): BreakpointHit | null {
    return this.run(view.step, (c) => c.evaluation?.(view));
  }

  private run(step: number, check: (c: ConditionCheck) => ConditionHit | null | undefined): BreakpointHit | null {
    let first: BreakpointHit | null = null;
    for (const a of this.armed) {
      const hit = check(a.check);
      if (hit === undefined) continue;
      if (!hit) {
        a.latched = false;
        continue;
      }
      if (a.latched) continue;
      a.latched = true;
      if (first) first.also.push(hit.message);
      else first = { ...hit, condition: a.kind, label: a.label, step, also: [] };
    }
    return first;
  }
}

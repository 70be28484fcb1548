import { nodeKind } from './kinds';
import { clipText } from './quote';
import type { ModelNode } from './schema';

/** A tensor shape with a symbolic batch dimension: ['N', 100]; [] for a scalar. */
export type Shape = readonly (number | 'N')[];

/** One reason a graph cannot compile (or a warning), pinned to what is at fault. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Further connections the problem concerns (a cycle's, duplicates'), at most MAX_PINNED_EDGES. */
  edgeIds?: string[];
  /** The parameter at fault, when one is. */
  field?: string;
}

export type Pin = Omit<Diagnostic, 'severity' | 'message'>;

/** Diagnostics listed before the rest are summed up in one "… and N more". */
export const MAX_DIAGNOSTICS = 200;
/** Connections one diagnostic lists for the canvas to mark. */
export const MAX_PINNED_EDGES = 64;
/** Names one message lists before "… and N more". */
const MAX_NAMES = 6;
/** Characters of a label or id a message quotes. */
const MAX_NAME_CHARS = 60;

/**
 * Collects the diagnostics of one analysis. Past MAX_DIAGNOSTICS, problems are counted and
 * their messages never built (`message` is a function for that reason), so a graph with a
 * million mistakes costs a count, not a million sentences.
 */
export class DiagnosticList {
  private readonly list: Diagnostic[] = [];
  private dropped = { error: 0, warning: 0 };
  errors = 0;

  add(severity: Diagnostic['severity'], message: () => string, pin: Pin = {}): void {
    if (severity === 'error') this.errors++;
    if (this.list.length >= MAX_DIAGNOSTICS) {
      this.dropped[severity]++;
      return;
    }
    const d: Diagnostic = { severity, message: message(), ...pin };
    if (d.edgeIds && d.edgeIds.length > MAX_PINNED_EDGES) d.edgeIds = d.edgeIds.slice(0, MAX_PINNED_EDGES);
    this.list.push(d);
  }

  error(message: () => string, pin?: Pin): void {
    this.add('error', message, pin);
  }

  warn(message: () => string, pin?: Pin): void {
    this.add('warning', message, pin);
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /** The listed diagnostics, with the count of those left out as a last one. */
  finish(): Diagnostic[] {
    const { error, warning } = this.dropped;
    if (error + warning > 0) {
      const parts = [error && count(error, 'error'), warning && count(warning, 'warning')].filter(Boolean).join(' and ');
      this.list.push({ severity: error ? 'error' : 'warning', message: `… and ${parts} more, not listed; fix the ones above first.` });
    }
    return this.list;
  }
}

function count(n: number, what: string): string {
  return `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
}

/** A short quotation of user text: long labels and ids are cut with an ellipsis. */
export function clip(s: string, max = MAX_NAME_CHARS): string {
  return clipText(s, max);
}

/** The node as messages name it: its label and id, or its kind and id. */
export function nodeName(n: Pick<ModelNode, 'id' | 'type' | 'label'>): string {
  return n.label ? `${clip(n.label)} (${clip(n.id)})` : `${nodeKind(n.type).displayName} '${clip(n.id)}'`;
}

/** "A, B, C" or "A, B, C, D, E, F and 9,994 more": a list a message can afford. */
export function listNames(names: Iterable<string>, total: number): string {
  const shown: string[] = [];
  for (const n of names) {
    if (shown.length === MAX_NAMES) break;
    shown.push(n);
  }
  const rest = total - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest.toLocaleString('en-US')} more` : shown.join(', ');
}

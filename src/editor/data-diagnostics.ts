import { useShallow } from './use-shallow';
import type { Diagnostic } from '../model';
import type { RunData } from './run/run-data';
import { useRun } from './run/use-run';

/** Problems only the engine finds, as it builds a layer from code (field `code`): the editor's analysis cannot see them. */
function codeDiagnostics(s: Pick<RunData, 'load'>): Diagnostic[] {
  return s.load?.diagnostics.filter((d) => d.field === 'code') ?? [];
}

/**
 * Where the data and the graph disagree, per node, for the canvas to pin on the node: the
 * engine's data diagnostics (the Input's features, the loss's classes), and, on the Input,
 * data that cannot be loaded at all (a bad CSV in the document), summed up in one line.
 */
export function nodeDataDiagnostics(s: Pick<RunData, 'load'>, nodeId: string): Diagnostic[] {
  const load = s.load;
  if (!load) return [];
  const out = [...codeDiagnostics(s).filter((d) => d.nodeId === nodeId), ...load.dataDiagnostics.filter((d) => d.nodeId === nodeId)];
  const errors = load.dataErrors;
  if (errors.length && load.plan?.inputNodeId === nodeId) out.push(errorSummary(errors, nodeId));
  return out;
}

/** One summary per list of errors, the same object every time: subscribers compare the pins by identity, so a new one on every read would re-render forever. */
const summaries = new WeakMap<readonly unknown[], Diagnostic>();

function errorSummary(errors: readonly { message: string }[], nodeId: string): Diagnostic {
  const known = summaries.get(errors);
  if (known && known.nodeId === nodeId) return known;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''}; see the Training tab)` : '';
  const d: Diagnostic = { severity: 'error', nodeId, message: `The training data cannot be used: ${errors[0].message}${more}` };
  summaries.set(errors, d);
  return d;
}

/** Every data problem, as pinned to its node (the Input first), for the Messages list. */
export function allDataDiagnostics(s: Pick<RunData, 'load'>): Diagnostic[] {
  const load = s.load;
  if (!load?.plan) return [...codeDiagnostics(s), ...(load?.dataDiagnostics ?? [])];
  const ids = [load.plan.inputNodeId, ...(load.plan.lossNodeId ? [load.plan.lossNodeId] : [])];
  const pinned = ids.flatMap((id) => nodeDataDiagnostics(s, id));
  return [...pinned, ...load.dataDiagnostics.filter((d) => !d.nodeId || !ids.includes(d.nodeId))];
}

/** Why the run buttons do nothing, in words, or null when they work. */
export function runBlocker(s: Pick<RunData, 'ready' | 'load'>): string | null {
  if (!s.ready) return 'Starting the engine…';
  const load = s.load;
  if (!load?.plan) return `Fix the graph first: ${load?.diagnostics.find((d) => d.severity === 'error')?.message ?? 'it does not compile.'}`;
  if (!load.ok) return `The data does not fit the graph: ${allDataDiagnostics(s)[0]?.message ?? load.dataErrors[0]?.message ?? ''} See Messages for fixes.`;
  return null;
}

/** What blocks a run in a few words, for the step bar (runBlocker has the whole reason), or null. */
export function blockerHeadline(s: Pick<RunData, 'ready' | 'load'>): string | null {
  if (!s.ready) return 'Starting the engine…';
  if (!s.load?.plan) return 'Fix the graph first: see Messages';
  if (!s.load.ok) return 'The data does not fit: see Messages';
  return null;
}

/** nodeDataDiagnostics for one node, re-rendering only when they change. */
export function useNodeDataDiagnostics(nodeId: string): readonly Diagnostic[] {
  return useRun(useShallow((s: RunData) => nodeDataDiagnostics(s, nodeId)));
}

import { z } from 'zod';
import { isPlainObject, type PathSegment } from './json-path';
import { isNodeType } from './kinds';
import { MAX_EDGES, MAX_NODES } from './parse';
import { ProblemList, type DocumentProblem } from './problems';
import { TrainingSchema } from './schema';
import { describeValue, translateIssues } from './zod-issues';

const SettingsOnly = z.object({ training: TrainingSchema.optional() });

/**
 * Checks a document handed over as an object (the editor's, or a caller's of the engine)
 * as far as building a model from it needs: its shape (nodes and edges with ids, within
 * the limits), its seed, and its training settings in full (batch size, epochs, optimizer
 * and the rest, which nothing downstream checks again). Parameters of nodes are left to
 * the analysis, which reports them on the canvas. Problems come in the document reader's
 * words; none means the object is safe to build from.
 */
export function checkModelObject(value: unknown): DocumentProblem[] {
  const problems = new ProblemList();
  const add = (path: PathSegment[], message: string) => problems.add(path, () => message);
  if (!isPlainObject(value)) {
    add([], `Expected a model document (an object with nodes and edges), got ${describeValue(value)}.`);
    return problems.errors(true);
  }
  const list = (key: 'nodes' | 'edges', max: number, check: (item: Record<string, unknown>, i: number) => void) => {
    const items = value[key];
    if (!Array.isArray(items)) return add([key], `The list of ${key} is missing: expected a list (an array), got ${describeValue(items)}.`);
    if (items.length > max) return add([key], `The document has ${items.length.toLocaleString('en-US')} ${key}; a model may have at most ${max.toLocaleString('en-US')}.`);
    for (let i = 0; i < items.length && !problems.full; i++) {
      const item: unknown = items[i];
      if (!isPlainObject(item)) add([key, i], `Item ${i} of the ${key} is not an object: got ${describeValue(item)}.`);
      else check(item, i);
    }
  };
  const id = (item: Record<string, unknown>, path: PathSegment[], field: string) => {
    const v = item[field];
    if (typeof v !== 'string' || v.length === 0 || v.length > 128) add([...path, field], `Field ${field}: expected an id (text of 1 to 128 characters), got ${describeValue(v)}.`);
  };
  list('nodes', MAX_NODES, (n, i) => {
    id(n, ['nodes', i], 'id');
    if (!isNodeType(n.type)) add(['nodes', i, 'type'], `Node nodes[${i}], type: unknown node type ${describeValue(n.type)}.`);
    if (n.params !== undefined && !isPlainObject(n.params)) add(['nodes', i, 'params'], `Node nodes[${i}], params: expected an object, got ${describeValue(n.params)}.`);
  });
  list('edges', MAX_EDGES, (e, i) => {
    for (const f of ['id', 'source', 'target']) id(e, ['edges', i], f);
  });
  const seed = value.seed;
  if (seed !== undefined && !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 32 - 1)) {
    add(['seed'], `Field seed: must be a whole number from 0 to 4,294,967,295, got ${describeValue(seed)}.`);
  }
  if (value.weights !== undefined && !isPlainObject(value.weights)) add(['weights'], `The weights: expected an object, got ${describeValue(value.weights)}.`);
  if (value.training !== undefined) {
    const parsed = SettingsOnly.safeParse({ training: value.training });
    if (!parsed.success) translateIssues(parsed.error.issues, { training: value.training }, SettingsOnly, problems);
  }
  return problems.size ? problems.errors(!problems.full) : [];
}

import { isNodeType, nodeKind } from './kinds';
import { clipText, quoteText } from './quote';

/** A location in a JSON value: property names and array indices from the root. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A JSON path: `$` is the root, `.name` a property whose name is an identifier,
 * `["any name"]` any other property (JSON string syntax), `[3]` an array index.
 * E.g. `$.nodes[3].params.out_features`, `$.weights["fc 1"].w.data`.
 * `base` is the formatted path that `path` continues.
 */
export function formatPath(path: readonly PathSegment[], base = '$'): string {
  let s = base;
  for (const raw of path) {
    // A field name is the user's text: a path quotes it clipped, like any message.
    const seg = typeof raw === 'string' ? clipText(raw) : raw;
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) s += `.${seg}`;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

/** The value at `path` in `root`, or undefined; reads own properties only. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PathSegment, unknown>)[seg];
  }
  return v;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A short quotation of a user's string for a message. */
export function quote(s: string, max = 40): string {
  return quoteText(s, max + 1);
}

/** How a node is named in messages: `Linear 'fc1'`, or by its place in the list when it has no usable id. */
export function nodeTitle(node: unknown, index?: number): string {
  const id = isPlainObject(node) && typeof node.id === 'string' && node.id !== '' ? quote(node.id) : null;
  const type = isPlainObject(node) && isNodeType(node.type) ? nodeKind(node.type).displayName : null;
  if (id) return type ? `${type} node ${id}` : `Node ${id}`;
  const where = index === undefined ? '' : ` nodes[${index}]`;
  return type ? `${type} node${where} (no id)` : `Node${where} (no id)`;
}

/**
 * Where a path points, in words, for the start of a message: `Linear node 'fc1',
 * parameter out_features`, `Edge 'e2', source`, `Weights of node 'fc1', parameter w`.
 * `root` is the document as read, to name nodes and edges by id.
 */
export function describeLocation(path: readonly PathSegment[], root: unknown): string {
  if (path.length === 0) return 'The document';
  const [head, ...rest] = path;
  const tail = (segs: readonly PathSegment[]) => segs.map((s) => (typeof s === 'number' ? `[${s}]` : clipText(s))).join('.').replace(/\.\[/g, '[');
  if (head === 'nodes') {
    if (typeof rest[0] !== 'number') return 'The list of nodes';
    const title = nodeTitle(valueAt(root, ['nodes', rest[0]]), rest[0]);
    const more = rest.slice(1);
    if (more.length === 0) return title;
    if (more[0] === 'params' && more.length > 1) return `${title}, parameter ${tail(more.slice(1))}`;
    return `${title}, ${tail(more)}`;
  }
  if (head === 'edges') {
    if (typeof rest[0] !== 'number') return 'The list of edges';
    const edge = valueAt(root, ['edges', rest[0]]);
    const id = isPlainObject(edge) && typeof edge.id === 'string' && edge.id !== '' ? `Edge ${quote(edge.id)}` : `Edge edges[${rest[0]}] (no id)`;
    return rest.length > 1 ? `${id}, ${tail(rest.slice(1))}` : id;
  }
  if (head === 'weights') {
    if (rest.length === 0) return 'The weights';
    const base = `Weights of node ${quote(String(rest[0]))}`;
    if (rest.length === 1) return base;
    return rest.length === 2 ? `${base}, parameter ${clipText(String(rest[1]))}` : `${base}, parameter ${clipText(String(rest[1]))}, ${tail(rest.slice(2))}`;
  }
  if (head === 'training') return rest.length ? `Training setting ${tail(rest)}` : 'The training settings';
  if (head === 'lesson') {
    if (rest[0] !== 'steps' || typeof rest[1] !== 'number') return rest.length ? `Lesson, ${tail(rest)}` : 'The lesson';
    const step = valueAt(root, ['lesson', 'steps', rest[1]]);
    const title = isPlainObject(step) && typeof step.title === 'string' && step.title !== '' ? ` ${JSON.stringify(step.title.slice(0, 40))}` : '';
    const where = `Lesson, step ${rest[1] + 1}${title}`;
    return rest.length > 2 ? `${where}, ${tail(rest.slice(2))}` : where;
  }
  return `Field ${tail(path)}`;
}

import { decodeFloat32, findNonFinite } from './base64';
import { describeLocation, isPlainObject, quote, type PathSegment } from './json-path';
import { isNodeType, layerKind, nodeKind, type NodeType, type WeightSpec } from './kinds';
import { MAX_MODEL_PARAMS } from './limits';
import type { ProblemSink } from './problems';
import { closest, sentence } from './zod-issues';

/** The parameter tensors of a node type's layer (none for most), in the order of the engine layer's params(). */
export function weightSpecs(type: NodeType): readonly WeightSpec[] {
  return layerKind(type)?.weights ?? [];
}

/**
 * Checks that the parts of a document agree with each other: unique node and edge ids,
 * edges between existing nodes, stored weights that belong to a node with weights, decode,
 * and fit the layer, and layers small enough to hold. It reads the document as parsed,
 * tolerating any shape: values of the wrong type are the schema's to report, and are skipped.
 */
export function checkConsistency(doc: Record<string, unknown>, sink: ProblemSink): void {
  const add = (path: PathSegment[], what: string | (() => string)) =>
    sink.add(path, () => sentence(`${describeLocation(path, doc)}: ${typeof what === 'string' ? what : what()}`));

  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  // An edge or weight naming a node is only checked when every node has a usable id;
  // otherwise the missing id is the mistake to fix first.
  const idsComplete = nodes.every((n) => isPlainObject(n) && typeof n.id === 'string');
  const byId = new Map<string, { node: Record<string, unknown>; index: number }>();
  nodes.forEach((n, index) => {
    if (!isPlainObject(n) || typeof n.id !== 'string') return;
    const first = byId.get(n.id);
    if (first) add(['nodes', index, 'id'], `the id ${quote(n.id)} is already used by nodes[${first.index}]; every node needs its own id`);
    else byId.set(n.id, { node: n, index });
  });

  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  const edgeIds = new Map<string, number>();
  edges.forEach((e, index) => {
    if (!isPlainObject(e)) return;
    if (typeof e.id === 'string') {
      const first = edgeIds.get(e.id);
      if (first !== undefined) add(['edges', index, 'id'], `the id ${quote(e.id)} is already used by edges[${first}]; every edge needs its own id`);
      else edgeIds.set(e.id, index);
    }
    if (!idsComplete) return;
    for (const end of ['source', 'target'] as const) {
      const ref = e[end];
      if (typeof ref !== 'string' || ref === '' || byId.has(ref)) continue;
      add(['edges', index, end], () => {
        const guess = byId.size <= 500 ? closest(ref, [...byId.keys()]) : null;
        return `there is no node with id ${quote(ref)}${guess ? ` (did you mean '${guess}'?)` : ''}`;
      });
    }
  });

  const weights = isPlainObject(doc.weights) ? doc.weights : {};
  const observed = new Map<string, Map<string, number>>();
  for (const [id, entry] of Object.entries(weights)) {
    if (!isPlainObject(entry)) continue;
    const ref = byId.get(id);
    if (!ref) {
      if (idsComplete) add(['weights', id], `there is no node with this id`);
      continue;
    }
    if (!isNodeType(ref.node.type)) continue;
    const type = ref.node.type;
    const specs = weightSpecs(type);
    // A kind with code declares its weights in the code: the compiler checks them against the built layer.
    if (nodeKind(type).code) continue;
    if (!specs.length) {
      add(['weights', id], `a ${nodeKind(type).displayName} node has no weights; remove this entry`);
      continue;
    }
    const names = specs.map((s) => s.name);
    for (const name of Object.keys(entry)) {
      if (names.includes(name)) continue;
      add(['weights', id, name], () => {
        const guess = closest(name, names);
        return `unknown parameter; a ${nodeKind(type).displayName} layer has ${names.map((n) => `'${n}'`).join(' and ')}${guess ? ` (did you mean '${guess}'?)` : ''}`;
      });
    }
    const params = isPlainObject(ref.node.params) ? ref.node.params : {};
    const dims = new Map<string, number>();
    for (const spec of specs) {
      const t = entry[spec.name];
      if (t === undefined) {
        add(['weights', id, spec.name], `is missing; a ${nodeKind(type).displayName} layer stores ${names.join(' and ')} together`);
        continue;
      }
      checkTensor(['weights', id, spec.name], t, spec, params, dims, add);
    }
    observed.set(id, dims);
  }

  nodes.forEach((n, index) => {
    if (!isPlainObject(n) || !isNodeType(n.type)) return;
    const specs = weightSpecs(n.type);
    if (!specs.length) return;
    const params = isPlainObject(n.params) ? n.params : {};
    const stored = typeof n.id === 'string' && byId.get(n.id)?.index === index ? observed.get(n.id) : undefined;
    const size = (dim: string) => (isSize(params[dim]) ? (params[dim] as number) : stored?.get(dim));
    let total = 0;
    const parts: string[] = [];
    for (const spec of specs) {
      const sizes = spec.dims.map(size);
      if (sizes.some((s) => s === undefined)) return; // the compiler infers it from the graph, and checks then
      total += (sizes as number[]).reduce((a, b) => a * b, 1);
      parts.push(`${spec.name}: ${(sizes as number[]).map((s) => s.toLocaleString('en-US')).join(' × ')}`);
    }
    if (total <= MAX_MODEL_PARAMS) return;
    const fromParams = specs.every((s) => s.dims.every((d) => isSize(params[d])));
    add(
      fromParams ? ['nodes', index, 'params'] : ['weights', n.id as string],
      `this layer would hold ${total.toLocaleString('en-US')} parameters (${parts.join(', ')}); a model may hold at most ${MAX_MODEL_PARAMS.toLocaleString('en-US')}`,
    );
  });
}

/** `1 value`, `1,000 values`. */
function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
}

/** Checks one stored tensor against its layer; records the sizes it shows in `dims`. */
function checkTensor(
  path: PathSegment[],
  t: unknown,
  spec: { name: string; dims: readonly string[] },
  params: Record<string, unknown>,
  dims: Map<string, number>,
  add: (path: PathSegment[], what: string) => void,
): void {
  // Wrong types are the schema's to report.
  if (!isPlainObject(t) || t.dtype !== 'float32' || typeof t.data !== 'string') return;
  const shape = t.shape;
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) return;
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  const shown = `[${shape.join(', ')}]`;
  if (size > MAX_MODEL_PARAMS) {
    add([...path, 'shape'], `shape ${shown} holds ${size.toLocaleString('en-US')} values; a model may hold at most ${MAX_MODEL_PARAMS.toLocaleString('en-US')}`);
    return;
  }
  if (shape.length !== spec.dims.length) {
    add([...path, 'shape'], `${spec.name} has ${spec.dims.length === 1 ? 'one dimension' : `${spec.dims.length} dimensions`}, [${spec.dims.join(', ')}], but the shape is ${shown}`);
  } else {
    const want = spec.dims.map((d, k) => (isSize(params[d]) ? (params[d] as number) : (dims.get(d) ?? shape[k])));
    if (want.some((w, k) => w !== shape[k])) {
      add(
        [...path, 'shape'],
        `${spec.name} must be [${spec.dims.join(', ')}] = [${want.join(', ')}] for this layer, but the shape is ${shown}`,
      );
    } else spec.dims.forEach((d, k) => dims.set(d, shape[k]));
  }
  const data = decodeFloat32(t.data);
  if (!(data instanceof Float32Array)) {
    add([...path, 'data'], `is not valid base64 float32 data: ${data.error}`);
    return;
  }
  if (data.length !== size) {
    add(
      [...path, 'data'],
      `holds ${count(data.length * 4, 'byte')} (${count(data.length, 'float32 value')}) but the shape ${shown} needs ${count(size * 4, 'byte')} (${count(size, 'value')})`,
    );
    return;
  }
  const bad = findNonFinite(data);
  if (bad) {
    const others = bad.count > 1 ? ` (${bad.count.toLocaleString('en-US')} values in all are NaN or infinite)` : '';
    add([...path, 'data'], `holds ${bad.value} at index ${unravel(bad.index, shape as number[])}${others}; weights must be finite numbers`);
  }
}

/** `[1, 2]` for flat index 5 of shape [2, 3]. */
function unravel(flat: number, shape: readonly number[]): string {
  const idx: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    idx.unshift(flat % shape[k]);
    flat = Math.floor(flat / shape[k]);
  }
  return `[${idx.join(', ')}]`;
}

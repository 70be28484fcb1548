import { clip, listNames, nodeName, type DiagnosticList } from './diagnostics';
import { cycleEdges } from './graph';
import { isLossKind, nodeKind } from './kinds';
import type { ModelDocument, ModelEdge, ModelNode } from './schema';

/**
 * The graph as lookups: nodes by id, and each node's connections in and out. A connection
 * repeated between the same two nodes is kept once here (its repeats are reported by
 * `checkWiring`), and connections to missing nodes are left out.
 */
export interface GraphIndex {
  nodes: readonly ModelNode[];
  byId: ReadonlyMap<string, ModelNode>;
  /** Connections between existing nodes, each pair of nodes once. */
  edges: readonly ModelEdge[];
  incoming: ReadonlyMap<string, readonly ModelEdge[]>;
  outgoing: ReadonlyMap<string, readonly ModelEdge[]>;
  inputs: readonly ModelNode[];
  /** Connections naming a node that does not exist. */
  dangling: readonly { edge: ModelEdge; missing: string[] }[];
  /** Repeats of a connection, grouped by the pair of nodes: the first is kept, the rest listed. */
  repeats: readonly { kept: ModelEdge; extra: ModelEdge[] }[];
}

export function indexGraph(doc: Pick<ModelDocument, 'nodes' | 'edges'>): GraphIndex {
  const byId = new Map<string, ModelNode>();
  for (const n of doc.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const edges: ModelEdge[] = [];
  const dangling: GraphIndex['dangling'][number][] = [];
  const pairs = new Map<string, Map<string, { kept: ModelEdge; extra: ModelEdge[] }>>();
  const repeats: { kept: ModelEdge; extra: ModelEdge[] }[] = [];
  const incoming = new Map<string, ModelEdge[]>();
  const outgoing = new Map<string, ModelEdge[]>();
  for (const e of doc.edges) {
    const missing = [e.source, e.target].filter((id) => !byId.has(id));
    if (missing.length) {
      dangling.push({ edge: e, missing });
      continue;
    }
    let fromSource = pairs.get(e.source);
    if (!fromSource) pairs.set(e.source, (fromSource = new Map()));
    const pair = fromSource.get(e.target);
    if (pair) {
      if (pair.extra.length === 0) repeats.push(pair);
      pair.extra.push(e);
      continue;
    }
    fromSource.set(e.target, { kept: e, extra: [] });
    edges.push(e);
    push(incoming, e.target, e);
    push(outgoing, e.source, e);
  }
  const inputs = doc.nodes.filter((n) => n.type === 'Input' && byId.get(n.id) === n);
  return { nodes: doc.nodes, byId, edges, incoming, outgoing, inputs, dangling, repeats };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const ids = (edges: readonly ModelEdge[]) => edges.map((e) => e.id);

/**
 * How the nodes are wired: connections to missing nodes, repeated connections, cycles, a node
 * feeding or fed by more than one, an Input fed, a loss feeding, nodes left alone, the number
 * of Inputs. Each problem is reported once, however many connections it involves, with a
 * bounded list of names.
 */
export function checkWiring(g: GraphIndex, diags: DiagnosticList): void {
  for (const { edge, missing } of g.dangling) {
    diags.error(() => `Connection '${clip(edge.id)}' refers to a node that does not exist: ${missing.map((m) => `'${clip(m)}'`).join(', ')}.`, { edgeId: edge.id });
  }
  for (const { kept, extra } of g.repeats) {
    diags.error(
      () =>
        `${nodeName(g.byId.get(kept.source)!)} is connected to ${nodeName(g.byId.get(kept.target)!)} ${extra.length + 1} times; one connection carries the data. Remove the others.`,
      { nodeId: kept.target, edgeId: extra[0].id, edgeIds: ids(extra) },
    );
  }
  for (const group of cycleEdges(g.nodes.map((n) => n.id), g.edges)) {
    const members = [...new Set(group.map((e) => e.source))];
    diags.error(
      () =>
        `These ${group.length} connections form a cycle (${listNames(members.map((id) => nodeName(g.byId.get(id)!)), members.length)}); data must flow one way, from the Input to the loss.`,
      { nodeId: group[0].target, edgeId: group[0].id, edgeIds: ids(group) },
    );
  }
  for (const n of g.nodes) {
    const outs = g.outgoing.get(n.id) ?? [];
    const ins = g.incoming.get(n.id) ?? [];
    if (outs.length > 1) {
      const names = outs.map((e) => nodeName(g.byId.get(e.target)!));
      diags.error(
        () => `${nodeName(n)} feeds ${outs.length} nodes (${listNames(names, names.length)}); a network here is one chain, so each node feeds at most one. Remove all but one of these connections.`,
        { nodeId: n.id, edgeId: outs[1].id, edgeIds: ids(outs.slice(1)) },
      );
    }
    if (n.type === 'Input' && ins.length > 0) {
      diags.error(() => `${nodeName(n)} is where data enters; it cannot receive a connection.`, { nodeId: n.id, edgeId: ins[0].id, edgeIds: ids(ins) });
    } else if (ins.length > 1) {
      const names = ins.map((e) => nodeName(g.byId.get(e.source)!));
      diags.error(
        () => `${nodeName(n)} receives ${ins.length} inputs (${listNames(names, names.length)}); each layer takes exactly one. Remove all but one of these connections.`,
        { nodeId: n.id, edgeId: ins[1].id, edgeIds: ids(ins.slice(1)) },
      );
    }
    if (isLossKind(nodeKind(n.type)) && outs.length > 0) {
      diags.error(() => `${nodeName(n)} must be the last node: a loss's output is a single number and feeds nothing.`, { nodeId: n.id, edgeId: outs[0].id, edgeIds: ids(outs) });
    }
    if (ins.length === 0 && outs.length === 0 && n.type !== 'Input') {
      diags.warn(() => `${nodeName(n)} is not connected; it is left out of the model.`, { nodeId: n.id });
    }
  }
  if (g.inputs.length === 0) diags.error(() => 'The graph has no Input node. Add one from the palette and connect it to the first layer.');
  if (g.inputs.length > 1) {
    const all = listNames(g.inputs.map((i) => `'${clip(i.id)}'`), g.inputs.length);
    for (const n of g.inputs.slice(1)) {
      diags.error(() => `The graph has ${g.inputs.length} Input nodes (${all}); a network has exactly one. Remove this one or disconnect it.`, { nodeId: n.id });
    }
  }
}

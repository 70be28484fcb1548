import { adjacency, cycleEdges } from './graph';
import { checkParamValue, MAX_LAYER_PARAMS, NODE_SPECS, type NodeType } from './node-types';
import type { ModelDocument, ModelEdge, ModelNode } from './schema';

/**
 * Static analysis of a graph: every reason it cannot compile, pinned to the node or
 * edge at fault, and the shapes that flow through it. Cheap and pure, so the editor
 * runs it on every edit; the compiler builds the model from its plan.
 */

export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** The parameter at fault, when one is. */
  field?: string;
}

/** A tensor shape with a symbolic batch dimension: ['N', 100]; [] for a scalar. */
export type Shape = readonly (number | 'N')[];

export interface PlanLayer {
  nodeId: string;
  type: NodeType;
  /** Position in the compiled Sequential. */
  index: number;
  /** Human title, e.g. `Linear(100 → 50)`. */
  title: string;
  inShape: Shape;
  outShape: Shape;
  paramCount: number;
  /** Parameter tensors in the order of the layer's params(). */
  params: { name: string; shape: number[] }[];
  /** The edge that feeds this layer. */
  inEdgeId: string;
  /** Resolved sizes (in_features inferred when absent). */
  resolved: Record<string, number>;
}

export interface Plan {
  inputNodeId: string;
  inputFeatures: number;
  /** Node ids along the chain, Input first. */
  chain: string[];
  layers: PlanLayer[];
  lossNodeId: string | null;
  /** Features of the final scores (the loss's input when there is one). */
  outputFeatures: number;
  edgeShapes: Record<string, Shape>;
  nodeShapes: Record<string, Shape>;
  paramCounts: Record<string, number>;
  totalParams: number;
}

export interface Analysis {
  diagnostics: Diagnostic[];
  /** Present when there is no error. */
  plan: Plan | null;
  /** Best-effort output shape of each node reachable from an Input, even when there are errors. */
  nodeShapes: Record<string, Shape>;
  edgeShapes: Record<string, Shape>;
  paramCounts: Record<string, number>;
}

export function nodeName(n: ModelNode): string {
  return n.label ? `${n.label} (${n.id})` : `${NODE_SPECS[n.type].displayName} '${n.id}'`;
}

export function layerTitle(type: NodeType, p: Record<string, number | undefined>): string {
  switch (type) {
    case 'Linear':
      return `Linear(${p.in_features ?? '?'} → ${p.out_features ?? '?'})`;
    case 'LeakyReLU':
      return `LeakyReLU(α=${p.alpha ?? 0.01})`;
    case 'Dropout':
      return `Dropout(p=${p.p ?? 0.5})`;
    case 'Input':
      return `Input(${p.features ?? '?'})`;
    default:
      return NODE_SPECS[type].displayName;
  }
}

export function analyzeGraph(doc: Pick<ModelDocument, 'nodes' | 'edges'>): Analysis {
  const diags: Diagnostic[] = [];
  const error = (message: string, pin: Omit<Diagnostic, 'severity' | 'message'> = {}) => diags.push({ severity: 'error', message, ...pin });
  const warn = (message: string, pin: Omit<Diagnostic, 'severity' | 'message'> = {}) => diags.push({ severity: 'warning', message, ...pin });

  const byId = new Map<string, ModelNode>();
  for (const n of doc.nodes) byId.set(n.id, n);

  // Parameters, on every node, connected or not.
  for (const n of doc.nodes) {
    const params = n.params as Record<string, number | undefined>;
    for (const spec of NODE_SPECS[n.type].params) {
      const problem = checkParamValue(spec, params[spec.name]);
      if (problem) error(`${nodeName(n)}: ${problem}.`, { nodeId: n.id, field: spec.name });
    }
  }

  const edges: ModelEdge[] = [];
  for (const e of doc.edges) {
    const missing = [e.source, e.target].filter((id) => !byId.has(id));
    if (missing.length) error(`Connection '${e.id}' refers to a node that does not exist: ${missing.map((m) => `'${m}'`).join(', ')}.`, { edgeId: e.id });
    else edges.push(e);
  }

  const incoming = new Map<string, ModelEdge[]>();
  for (const e of edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  const outgoing = adjacency(edges) as Map<string, ModelEdge[]>;

  for (const group of cycleEdges(doc.nodes.map((n) => n.id), edges)) {
    const names = [...new Set(group.map((e) => e.source))].map((id) => nodeName(byId.get(id)!));
    for (const e of group) {
      error(`These connections form a cycle (${names.join(' → ')}); data must flow one way, from the Input to the loss.`, { edgeId: e.id, nodeId: e.target });
    }
  }

  for (const n of doc.nodes) {
    const outs = outgoing.get(n.id) ?? [];
    const ins = incoming.get(n.id) ?? [];
    if (outs.length > 1) {
      const to = outs.map((e) => nodeName(byId.get(e.target)!)).join(', ');
      for (const e of outs.slice(1)) {
        error(`${nodeName(n)} feeds ${outs.length} nodes (${to}); a network here is one chain, so each node feeds at most one. Remove this connection.`, { nodeId: n.id, edgeId: e.id });
      }
    }
    if (n.type === 'Input' && ins.length > 0) {
      for (const e of ins) error(`${nodeName(n)} is where data enters; it cannot receive a connection.`, { nodeId: n.id, edgeId: e.id });
    } else if (ins.length > 1) {
      const from = ins.map((e) => nodeName(byId.get(e.source)!)).join(', ');
      for (const e of ins.slice(1)) {
        error(`${nodeName(n)} receives ${ins.length} inputs (${from}); each layer takes exactly one. Remove this connection.`, { nodeId: n.id, edgeId: e.id });
      }
    }
    if (n.type === 'CrossEntropyLoss' && outs.length > 0) {
      for (const e of outs) error(`${nodeName(n)} must be the last node: a loss's output is a single number and feeds nothing.`, { nodeId: n.id, edgeId: e.id });
    }
    if (ins.length === 0 && outs.length === 0 && n.type !== 'Input') {
      warn(`${nodeName(n)} is not connected; it is left out of the model.`, { nodeId: n.id });
    }
  }

  const inputs = doc.nodes.filter((n) => n.type === 'Input');
  if (inputs.length === 0) error('The graph has no Input node. Add one from the palette and connect it to the first layer.');
  if (inputs.length > 1) {
    for (const n of inputs.slice(1)) {
      error(`The graph has ${inputs.length} Input nodes (${inputs.map((i) => `'${i.id}'`).join(', ')}); a network has exactly one. Remove this one or disconnect it.`, { nodeId: n.id });
    }
  }

  // Shapes flow from every Input along every edge (best effort, so the editor can show
  // shapes even while other parts of the graph are wrong).
  const nodeShapes: Record<string, Shape> = {};
  const edgeShapes: Record<string, Shape> = {};
  const paramCounts: Record<string, number> = {};
  const resolved = new Map<string, Record<string, number>>();
  const visited = new Set<string>();
  const queue: ModelNode[] = [];
  for (const input of inputs) {
    const f = input.params.features;
    if (isSize(f)) {
      nodeShapes[input.id] = ['N', f];
      resolved.set(input.id, { features: f });
    }
    visited.add(input.id);
    queue.push(input);
  }
  while (queue.length) {
    const n = queue.shift()!;
    const shape = nodeShapes[n.id];
    for (const e of outgoing.get(n.id) ?? []) {
      if (shape) edgeShapes[e.id] = shape;
      const t = byId.get(e.target)!;
      if (visited.has(t.id)) continue;
      visited.add(t.id);
      if (shape && (incoming.get(t.id) ?? [])[0]?.id === e.id) {
        const out = propagate(t, shape, e, byId.get(e.source)!, error);
        if (out) {
          nodeShapes[t.id] = out.shape;
          paramCounts[t.id] = out.paramCount;
          resolved.set(t.id, out.resolved);
        }
      }
      queue.push(t);
    }
  }
  for (const n of doc.nodes) {
    const connected = (incoming.get(n.id)?.length ?? 0) + (outgoing.get(n.id)?.length ?? 0) > 0;
    if (!visited.has(n.id) && connected && inputs.length > 0) {
      warn(`${nodeName(n)} is not connected to the Input; it is left out of the model.`, { nodeId: n.id });
    }
  }

  const chain: string[] = [];
  if (inputs.length === 1) {
    let cur: string | undefined = inputs[0].id;
    const seen = new Set<string>();
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      chain.push(cur);
      cur = outgoing.get(cur)?.[0]?.target;
    }
  }
  const last = chain.length ? byId.get(chain[chain.length - 1])! : null;
  const hasLoss = last?.type === 'CrossEntropyLoss';
  if (last && !hasLoss && !diags.some((d) => d.severity === 'error')) {
    warn('The chain does not end in a Cross-entropy loss: Forward works, but Backward and Train need a loss as the last node.', { nodeId: last.id });
  }

  const hasError = diags.some((d) => d.severity === 'error');
  let plan: Plan | null = null;
  if (!hasError && inputs.length === 1) {
    const layers: PlanLayer[] = chain.slice(1).map((id, index) => {
      const n = byId.get(id)!;
      const inEdge = incoming.get(id)![0];
      const r = resolved.get(id)!;
      return {
        nodeId: id,
        type: n.type,
        index,
        title: layerTitle(n.type, r),
        inShape: edgeShapes[inEdge.id],
        outShape: nodeShapes[id],
        paramCount: paramCounts[id],
        params: n.type === 'Linear' ? [{ name: 'w', shape: [r.out_features, r.in_features] }, { name: 'b', shape: [r.out_features] }] : [],
        inEdgeId: inEdge.id,
        resolved: r,
      };
    });
    const scores = hasLoss ? edgeShapes[incoming.get(last!.id)![0].id] : nodeShapes[last!.id];
    plan = {
      inputNodeId: inputs[0].id,
      inputFeatures: (nodeShapes[inputs[0].id] as number[])[1] as number,
      chain,
      layers,
      lossNodeId: hasLoss ? last!.id : null,
      outputFeatures: scores[1] as number,
      edgeShapes,
      nodeShapes,
      paramCounts,
      totalParams: layers.reduce((s, l) => s + l.paramCount, 0),
    };
  }
  return { diagnostics: diags, plan, nodeShapes, edgeShapes, paramCounts };
}

function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** The output shape of node `n` fed `shape` through edge `e`, or null (with a diagnostic) when it cannot take it. */
function propagate(
  n: ModelNode,
  shape: Shape,
  e: ModelEdge,
  from: ModelNode,
  error: (m: string, pin?: Omit<Diagnostic, 'severity' | 'message'>) => void,
): { shape: Shape; paramCount: number; resolved: Record<string, number> } | null {
  const features = shape[1] as number;
  const p = n.params as Record<string, number | undefined>;
  switch (n.type) {
    case 'Linear': {
      const out = p.out_features;
      if (!isSize(out)) return null;
      if (p.in_features !== undefined && p.in_features !== features) {
        if (isSize(p.in_features)) {
          error(
            `${nodeName(n)} expects ${p.in_features} input features (in_features) but receives ${features} from ${nodeName(from)}. Set in_features to ${features}, or clear it to infer it.`,
            { nodeId: n.id, edgeId: e.id, field: 'in_features' },
          );
        }
        return null;
      }
      const count = features * out + out;
      if (count > MAX_LAYER_PARAMS) {
        error(`${nodeName(n)} would hold ${count.toLocaleString('en-US')} parameters (${features} × ${out} + ${out}); the limit is ${MAX_LAYER_PARAMS.toLocaleString('en-US')}.`, {
          nodeId: n.id,
          field: 'out_features',
        });
        return null;
      }
      const resolved: Record<string, number> = { in_features: features, out_features: out };
      if (p.wstd !== undefined) resolved.wstd = p.wstd;
      return { shape: ['N', out], paramCount: count, resolved };
    }
    case 'CrossEntropyLoss':
      return { shape: [], paramCount: 0, resolved: {} };
    case 'Input':
      return null;
    default: {
      const resolved: Record<string, number> = {};
      for (const spec of NODE_SPECS[n.type].params) {
        const v = p[spec.name] ?? spec.default;
        if (v !== undefined) resolved[spec.name] = v;
      }
      return { shape, paramCount: 0, resolved };
    }
  }
}

import { DiagnosticList, nodeName, type Diagnostic, type Shape } from './diagnostics';
import { checkWiring, indexGraph, type GraphIndex } from './wiring';
import { checkParamValue, isLossKind, isSize, layerKind, nodeKind, paramValue, type LayerKind, type NodeType, type Resolved, type Task } from './kinds';
import { checkSize } from './size-check';
import type { ModelDocument, ModelNode } from './schema';

/**
 * Static analysis of a graph: every reason it cannot compile, pinned to the node or edge at
 * fault, and the shapes that flow through it. Near-linear in nodes and edges with a bounded
 * list of diagnostics, so the editor runs it on every edit and a hostile document cannot make
 * it slow; the compiler builds the model from its plan. What a node does is its kind's
 * (`./kinds`); this file only walks the graph.
 */

export type { Shape } from './diagnostics';

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
  /** Parameters with defaults applied and sizes inferred. */
  resolved: Resolved;
  /** The node's code, for a kind that carries code (a Custom layer). */
  code?: string;
  /** Where a layer of code's JVP comes from, once the engine built it: its own jvp, or derived numerically. */
  codeJvp?: 'code' | 'numeric';
}

export interface Plan {
  inputNodeId: string;
  inputFeatures: number;
  /** Node ids along the chain, Input first. */
  chain: string[];
  layers: PlanLayer[];
  lossNodeId: string | null;
  /** What the final loss compares with, when there is one. */
  task: Task | null;
  /** Features of the network's output (the loss's input when there is one). */
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

export { nodeName, type Diagnostic } from './diagnostics';

/** The title of a layer node with these parameters, e.g. `Linear(2 → 16)`. */
export function layerTitle(type: NodeType, r: Resolved): string {
  return layerKind(type)?.title(r) ?? nodeKind(type).displayName;
}

interface Flow {
  shape: Shape;
  paramCount: number;
  resolved: Resolved;
  params: { name: string; shape: number[] }[];
}

/** A parameter's name and shape, as a layer's params() lists it. */
export interface ParamShape {
  name: string;
  shape: number[];
}

/**
 * The parameters a layer's code declares for these widths, when the engine has built it
 * (only the engine runs code); undefined when not known.
 */
export type CodeParamsLookup = (code: string, inFeatures: number, outFeatures: number) => readonly ParamShape[] | undefined;

export interface AnalyzeOptions {
  codeParams?: CodeParamsLookup;
}

export function analyzeGraph(doc: Pick<ModelDocument, 'nodes' | 'edges'> & { training?: ModelDocument['training'] }, options: AnalyzeOptions = {}): Analysis {
  const diags = new DiagnosticList();
  checkParams(doc.nodes, diags);
  const g = indexGraph(doc);
  checkWiring(g, diags);

  // Null-prototype records: node ids are user text, and may be `toString` or `valueOf`.
  const nodeShapes: Record<string, Shape> = Object.create(null);
  const edgeShapes: Record<string, Shape> = Object.create(null);
  const paramCounts: Record<string, number> = Object.create(null);
  const flows = propagate(g, diags, nodeShapes, edgeShapes, paramCounts, options.codeParams);

  // The chain from the one Input along each node's first connection.
  const chain: string[] = [];
  if (g.inputs.length === 1) {
    const seen = new Set<string>();
    for (let cur: string | undefined = g.inputs[0].id; cur && !seen.has(cur); cur = g.outgoing.get(cur)?.[0]?.target) {
      seen.add(cur);
      chain.push(cur);
    }
  }
  const last = chain.length ? g.byId.get(chain[chain.length - 1])! : null;
  const lastKind = last ? nodeKind(last.type) : null;
  const hasLoss = !!lastKind && isLossKind(lastKind);
  if (last && !hasLoss && !diags.hasErrors) {
    diags.warn(() => 'The chain does not end in a loss: Forward works, but Backward and Train need a loss as the last node.', { nodeId: last.id });
  }

  if (!diags.hasErrors && g.inputs.length === 1) {
    checkSize(chain.slice(1).map((id) => ({ node: g.byId.get(id)!, paramCount: flows.get(id)!.paramCount, shape: flows.get(id)!.shape })), nodeShapes[g.inputs[0].id], doc.training, diags);
  }

  let plan: Plan | null = null;
  if (!diags.hasErrors && g.inputs.length === 1) {
    const layers: PlanLayer[] = chain.slice(1).map((id, index) => {
      const n = g.byId.get(id)!;
      const inEdge = g.incoming.get(id)![0];
      const flow = flows.get(id)!;
      const carries = nodeKind(n.type).code;
      return {
        ...(carries ? { code: n.code ?? carries.defaultCode } : {}),
        nodeId: id,
        type: n.type,
        index,
        title: layerKind(n.type)!.title(flow.resolved),
        inShape: edgeShapes[inEdge.id],
        outShape: flow.shape,
        paramCount: flow.paramCount,
        params: flow.params,
        inEdgeId: inEdge.id,
        resolved: flow.resolved,
      };
    });
    const scores = hasLoss ? edgeShapes[g.incoming.get(last!.id)![0].id] : nodeShapes[last!.id];
    plan = {
      inputNodeId: g.inputs[0].id,
      inputFeatures: nodeShapes[g.inputs[0].id][1] as number,
      chain,
      layers,
      lossNodeId: hasLoss ? last!.id : null,
      task: hasLoss ? (lastKind as LayerKind & { task: Task }).task : null,
      outputFeatures: scores[1] as number,
      edgeShapes,
      nodeShapes,
      paramCounts,
      totalParams: layers.reduce((s, l) => s + l.paramCount, 0),
    };
  }
  return { diagnostics: diags.finish(), plan, nodeShapes, edgeShapes, paramCounts };
}

/** Parameters, on every node, connected or not. */
function checkParams(nodes: readonly ModelNode[], diags: DiagnosticList): void {
  for (const n of nodes) {
    const params = n.params as Record<string, number | undefined>;
    for (const spec of nodeKind(n.type).params) {
      const value = Object.hasOwn(params, spec.name) ? params[spec.name] : undefined;
      const problem = checkParamValue(spec, value);
      if (problem) diags.error(() => `${nodeName(n)}: ${problem}.`, { nodeId: n.id, field: spec.name });
    }
  }
}

/**
 * Shapes flow from every Input along every edge, breadth first, each node visited once (best
 * effort, so the editor can show shapes even while other parts of the graph are wrong). A
 * node takes its shape from its first incoming connection only.
 */
function propagate(
  g: GraphIndex,
  diags: DiagnosticList,
  nodeShapes: Record<string, Shape>,
  edgeShapes: Record<string, Shape>,
  paramCounts: Record<string, number>,
  codeParams: CodeParamsLookup | undefined,
): Map<string, Flow> {
  const flows = new Map<string, Flow>();
  const visited = new Set<string>();
  const queue: ModelNode[] = [];
  for (const input of g.inputs) {
    const f = paramValue(nodeKind('Input').params[0], input.params as Record<string, number | undefined>);
    if (isSize(f)) nodeShapes[input.id] = ['N', f];
    visited.add(input.id);
    queue.push(input);
  }
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head];
    const shape = nodeShapes[n.id];
    for (const e of g.outgoing.get(n.id) ?? []) {
      if (shape) edgeShapes[e.id] = shape;
      const t = g.byId.get(e.target)!;
      if (visited.has(t.id)) continue;
      visited.add(t.id);
      queue.push(t);
      if (!shape || g.incoming.get(t.id)?.[0]?.id !== e.id) continue;
      const kind = layerKind(t.type);
      if (!kind) continue;
      const r = kind.infer(shape[1] as number, t.params as Record<string, number | undefined>, nodeName(g.byId.get(e.source)!));
      if (!r.ok) {
        const problem = r.problem;
        if (problem) diags.error(() => `${nodeName(t)} ${problem.message}`, { nodeId: t.id, edgeId: e.id, ...(problem.field ? { field: problem.field } : {}) });
        continue;
      }
      // A layer of code declares its weights in its code: known once the engine built it.
      const code = kind.code ? (t.code ?? kind.code.defaultCode) : null;
      const params =
        code === null
          ? kind.weights.map((w) => ({ name: w.name, shape: w.dims.map((d) => r.resolved[d]) }))
          : (codeParams?.(code, r.resolved.in_features, r.resolved.out_features)?.map((p) => ({ name: p.name, shape: [...p.shape] })) ?? []);
      const paramCount = params.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
      const out: Shape = r.out === 'scalar' ? [] : ['N', r.out];
      nodeShapes[t.id] = out;
      // Unknown (code not built yet) shows as unknown, not as none.
      if (code === null || codeParams?.(code, r.resolved.in_features, r.resolved.out_features)) paramCounts[t.id] = paramCount;
      flows.set(t.id, { shape: out, paramCount, resolved: r.resolved, params });
    }
  }
  for (const n of g.nodes) {
    const connected = g.incoming.has(n.id) || g.outgoing.has(n.id);
    if (!visited.has(n.id) && connected && g.inputs.length > 0) {
      diags.warn(() => `${nodeName(n)} is not connected to the Input; it is left out of the model.`, { nodeId: n.id });
    }
  }
  return flows;
}

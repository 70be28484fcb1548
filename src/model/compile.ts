import { CodeLayer, Sequential, type Layer } from '../engine';
import { analyzeGraph, nodeName, type Analysis, type Diagnostic, type Plan, type PlanLayer, type Shape } from './analyze';
import { decodeFloat32 } from './base64';
import { listNames } from './diagnostics';
import { quoteText } from './quote';
import { layerKind, type CodeLayerFactory } from './kinds';
import type { ModelDocument, StoredTensor } from './schema';

export type CompileResult =
  | { ok: true; model: Sequential; plan: Plan; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[]; nodeShapes: Record<string, Shape>; edgeShapes: Record<string, Shape> };

/**
 * Compiles a document's graph into the engine's Sequential. Weights stored in the
 * document load bit-exactly; missing ones initialise from a generator seeded by the
 * document's seed and the node's id, so the same document always gives the same model
 * and editing one node does not re-draw the others. A caller that already analysed the
 * graph (the analysis does not depend on the weights) passes it to save a second one.
 */
export function compileGraph(
  doc: Pick<ModelDocument, 'nodes' | 'edges' | 'seed' | 'weights' | 'training'>,
  analysis: Analysis = analyzeGraph(doc),
  options: CompileOptions = {},
): CompileResult {
  const fail = (diagnostics: Diagnostic[]): CompileResult => ({
    ok: false,
    diagnostics,
    nodeShapes: analysis.nodeShapes,
    edgeShapes: analysis.edgeShapes,
  });
  if (!analysis.plan) return fail(analysis.diagnostics);
  const plan = analysis.plan;
  const diagnostics = [...analysis.diagnostics];
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const layers: Layer[] = [];
  for (const pl of plan.layers) {
    let layer: Layer;
    try {
      layer = buildLayer(pl, doc.seed, options.codeLayer);
    } catch (e) {
      // Only code can fail to build (the analysis has vetted every other layer's parameters).
      if (pl.code === undefined) throw e;
      diagnostics.push({ severity: 'error', message: `${nodeName(nodes.get(pl.nodeId)!)}: ${e instanceof Error ? e.message : String(e)}`, nodeId: pl.nodeId, field: 'code' });
      continue;
    }
    // Own properties only: a node id may be `toString` or `valueOf`.
    const stored = doc.weights && Object.hasOwn(doc.weights, pl.nodeId) ? doc.weights[pl.nodeId] : undefined;
    if (stored) {
      const problem = loadStoredWeights(layer, pl, stored);
      if (problem) diagnostics.push({ severity: 'error', message: `${nodeName(nodes.get(pl.nodeId)!)}: ${problem}`, nodeId: pl.nodeId });
    }
    layers.push(layer);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics);
  return { ok: true, model: new Sequential(...layers), plan: withCodeParams(plan, layers), diagnostics };
}

/**
 * The plan with each layer of code's parameters as its code declared them (the analysis,
 * which runs no code, cannot know them), and the counts and total to match.
 */
function withCodeParams(plan: Plan, layers: readonly Layer[]): Plan {
  if (!plan.layers.some((pl) => pl.code !== undefined)) return plan;
  const paramCounts: Record<string, number> = Object.assign(Object.create(null), plan.paramCounts);
  const planLayers = plan.layers.map((pl, i) => {
    if (pl.code === undefined) return pl;
    const params = layers[i].params().map((p) => ({ name: p.name, shape: [...p.value.shape] }));
    const paramCount = params.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
    paramCounts[pl.nodeId] = paramCount;
    const codeJvp: PlanLayer['codeJvp'] = layers[i] instanceof CodeLayer ? (layers[i].providesJvp ? 'code' : 'numeric') : undefined;
    return { ...pl, params, paramCount, ...(codeJvp ? { codeJvp } : {}) };
  });
  return { ...plan, layers: planLayers, paramCounts, totalParams: planLayers.reduce((s, l) => s + l.paramCount, 0) };
}

export interface CompileOptions {
  /** Builds layers from code (Custom nodes); without it, a graph with code does not compile. */
  codeLayer?: CodeLayerFactory;
}

/** A per-node generator seed: FNV-1a of the node id mixed with the document seed. */
export function nodeSeed(seed: number, nodeId: string, salt = ''): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  const s = `${nodeId}\u0000${salt}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}

/** The engine layer of a plan's layer, with fresh weights drawn from the document's seed and the node's id. */
export function buildLayer(pl: Pick<PlanLayer, 'type' | 'resolved' | 'nodeId' | 'code'>, seed: number, codeLayer?: CodeLayerFactory): Layer {
  const kind = layerKind(pl.type);
  if (!kind) throw new Error(`buildLayer: an Input node is not a layer ('${pl.nodeId}')`);
  return kind.build(pl.resolved, { seed: (purpose) => nodeSeed(seed, pl.nodeId, purpose === 'init' ? '' : purpose), code: pl.code, codeLayer });
}

/** Copies stored tensors into the layer's parameters; a reason when they do not fit. */
function loadStoredWeights(layer: Layer, pl: PlanLayer, stored: Record<string, StoredTensor>): string | null {
  const params = layer.params();
  const names = params.map((p) => p.name);
  const extra = Object.keys(stored).filter((k) => !names.includes(k));
  const has = (name: string) => Object.hasOwn(stored, name);
  if (extra.length) return `stored weights have unknown parameters ${listNames(extra.map((k) => quoteText(k)), extra.length)} (this layer has ${names.length ? names.join(', ') : 'none'}).`;
  for (const p of params) {
    const t = has(p.name) ? stored[p.name] : undefined;
    if (!t) return `stored weights lack parameter '${p.name}'.`;
    const want = p.value.shape;
    if (t.shape.length !== want.length || t.shape.some((d, i) => d !== want[i])) {
      return `stored '${p.name}' has shape [${t.shape.join(', ')}] but ${pl.title} needs [${want.join(', ')}].`;
    }
    const data = decodeFloat32(t.data);
    if (!(data instanceof Float32Array)) return `stored '${p.name}' is not valid base64 float32 data: ${data.error}`;
    if (data.length !== p.value.size) return `stored '${p.name}' holds ${data.length} numbers but its shape needs ${p.value.size}.`;
    p.value.data.set(data);
  }
  return null;
}

import { compileGraph, exportModelDocument, exportOnnx, exportPyTorch, StoredCodeLayer, type CodeLayerFactory, type ModelDocument } from '../../model';

export type CompiledExport = { ok: true; data: string | Uint8Array } | { ok: false; reason: string };

/**
 * The model as a PyTorch script or an ONNX file, compiled from the document with its
 * weights (the seeded initial ones where none are stored), so that the file computes
 * what the app computes. Loaded on demand: it pulls in the engine and the exporters.
 */
export function exportCompiled(doc: ModelDocument, kind: 'pytorch' | 'onnx'): CompiledExport {
  const compiled = compileGraph(doc, undefined, { codeLayer: storedCode(doc) });
  if (!compiled.ok) {
    const first = compiled.diagnostics.find((d) => d.severity === 'error');
    return { ok: false, reason: `The graph cannot be compiled yet${first ? `: ${first.message}` : '.'} See the Messages tab.` };
  }
  const options = {
    name: doc.name,
    inputFeatures: compiled.plan.inputFeatures,
    layerNames: compiled.plan.layers.map((l) => l.nodeId),
    includeWeights: true,
  };
  try {
    return { ok: true, data: kind === 'pytorch' ? exportPyTorch(compiled.model, options) : exportOnnx(compiled.model, options) };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Custom layers as the exporters need them on the main thread, where code never runs: the
 * code, the widths and the parameters the stored weights show (none before training).
 */
function storedCode(doc: ModelDocument): CodeLayerFactory {
  const byCode = new Map(doc.nodes.filter((n) => n.code !== undefined).map((n) => [n.code!, n.id]));
  return (code, inFeatures, outFeatures) => {
    const id = byCode.get(code);
    const stored = id !== undefined && doc.weights && Object.hasOwn(doc.weights, id) ? doc.weights[id] : {};
    return new StoredCodeLayer(code, inFeatures, outFeatures, Object.entries(stored).map(([name, t]) => ({ name, shape: t.shape })));
  };
}

/**
 * The document with the weights its compiled model starts from (the stored ones, else
 * the seeded initial ones), or the reason it cannot be compiled.
 */
export function withCompiledWeights(doc: ModelDocument): { ok: true; doc: ModelDocument } | { ok: false; reason: string } {
  const compiled = compileGraph(doc);
  if (!compiled.ok) {
    const first = compiled.diagnostics.find((d) => d.severity === 'error');
    return { ok: false, reason: first ? first.message : 'the graph cannot be compiled' };
  }
  return { ok: true, doc: exportModelDocument(doc, { model: { model: compiled.model, plan: compiled.plan } }) };
}

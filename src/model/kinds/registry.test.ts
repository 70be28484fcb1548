import { describe, expect, it } from 'vitest';
import { createRng, Tensor } from '../../engine';
import { isLossKind, type LayerKind, type NodeKind } from './kind';
import { checkParamValue, resolveParams } from './params';
import { defaultParams, isNodeType, kindOfLayer, LAYER_KINDS, layerKind, NODE_KINDS, NODE_TYPES, nodeKind } from './registry';

const FEATURES = 3;
const BATCH = 4;

/** A kind's parameters with defaults, and any size without one set to FEATURES. */
function paramsFor(kind: NodeKind): Record<string, number> {
  const p = defaultParams(kind.type as never);
  for (const spec of kind.params) if (p[spec.name] === undefined && spec.kind === 'integer') p[spec.name] = FEATURES;
  return p;
}

/** A built layer of the kind, run forward on a small batch (labels or targets for a loss). */
function runLayer(kind: LayerKind) {
  const r = kind.infer(FEATURES, paramsFor(kind), 'the test input');
  if (!r.ok) throw new Error(`${kind.type} refuses ${FEATURES} features: ${r.problem?.message}`);
  const layer = kind.build(r.resolved, { seed: (purpose) => (purpose === 'init' ? 1 : 2) });
  const x = Tensor.randn([BATCH, FEATURES], createRng(3));
  const y = isLossKind(kind) ? (kind.task === 'classification' ? Int32Array.from({ length: BATCH }, (_, i) => i % FEATURES) : Float32Array.from({ length: BATCH * FEATURES }, (_, i) => i / 10)) : undefined;
  const out = layer.forward(x, y);
  return { r, layer, x, out };
}

describe('the registry of node kinds', () => {
  it('lists each kind once, the Input first, with unique id prefixes', () => {
    expect(NODE_KINDS[0].type).toBe('Input');
    expect(new Set(NODE_TYPES).size).toBe(NODE_TYPES.length);
    expect(new Set(NODE_KINDS.map((k) => k.idPrefix)).size).toBe(NODE_KINDS.length);
    for (const t of NODE_TYPES) {
      expect(isNodeType(t)).toBe(true);
      expect(nodeKind(t).type).toBe(t);
    }
    expect(isNodeType('toString')).toBe(false);
    expect(isNodeType('Conv2d')).toBe(false);
    expect(layerKind('Input')).toBeNull();
  });

  it.each(NODE_KINDS.map((k) => [k.type, k] as const))('%s provides every node facet', (_type, kind) => {
    expect(kind.displayName).toMatch(/\S/);
    expect(['input', 'layer', 'activation', 'regularization', 'loss']).toContain(kind.category);
    expect(kind.description).toMatch(/\S.*\.$/);
    expect(kind.idPrefix).toMatch(/^[a-z]+$/);
    expect(typeof kind.sparseOutput).toBe('boolean');
    const names = kind.params.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of kind.params) {
      expect(spec.name).toMatch(/^[a-z][a-z_]*$/);
      expect(spec.help).toMatch(/\S/);
      // A default must itself be acceptable, and an absent value takes it.
      if (spec.default !== undefined) expect(checkParamValue(spec, spec.default)).toBeNull();
      else expect(spec.optional).toBe(true);
      expect(checkParamValue(spec, undefined)).toBeNull();
    }
    for (const w of [kind.widthParams.in, kind.widthParams.out]) if (w) expect(names).toContain(w);
    expect(kind.summary(paramsFor(kind))).toContain(kind.displayName.split(' ')[0]);
  });

  // A kind with code is built by the runtime's compiler: its facets are checked in runtime/custom.
  it.each(LAYER_KINDS.filter((k) => !k.code).map((k) => [k.type, k as LayerKind] as const))('%s provides every layer facet, consistently', (_type, kind) => {
    const { r, layer, x, out } = runLayer(kind);
    // Built by its kind, found again from the layer.
    expect(layer.constructor).toBe(kind.layerClass);
    expect(kindOfLayer(layer)).toBe(kind);
    expect(kind.paramsOf(layer)).toEqual(Object.fromEntries(Object.entries(kind.paramsOf(layer)).map(([k]) => [k, r.resolved[k]])));
    expect(kind.title(r.resolved)).toMatch(/\S/);

    // The shape rule agrees with the engine.
    if (r.ok && r.out === 'scalar') expect(out.shape).toEqual([]);
    else if (r.ok) expect(out.shape).toEqual([BATCH, r.out]);

    // Weights: the engine's params() in the declared order and shapes.
    const params = layer.params();
    expect(params.map((p) => p.name)).toEqual(kind.weights.map((w) => w.name));
    kind.weights.forEach((w, i) => expect(params[i].value.shape).toEqual(w.dims.map((d) => r.resolved[d])));
    expect(new Set(kind.weights.map((w) => w.exportName)).size).toBe(kind.weights.length);

    // The Jacobian, w.r.t. the input and each weight, has the shapes of the tensors it relates.
    for (const wrt of ['input', ...kind.weights.map((w) => w.name)]) {
      const spec = kind.jacobian(layer, wrt);
      expect(spec.outDims).toEqual(out.shape.length ? out.shape : [BATCH]);
      expect(spec.wrtDims).toEqual(wrt === 'input' ? x.shape : params.find((p) => p.name === wrt)!.value.shape);
      expect(spec.formula).toMatch(/\S/);
      expect(spec.symbols.out).toMatch(/\S/);
    }
    expect(() => kind.jacobian(layer, 'no_such_tensor')).toThrow(/no parameter 'no_such_tensor'/);

    // Export: an inference layer as a module and an operator; a loss as a criterion.
    if (isLossKind(kind)) {
      expect(['classification', 'regression']).toContain(kind.task);
      expect(kind.loss.pytorch).toMatch(/^nn\.\w+\(.*\)$/);
      expect(kind.loss.pytorchDoc({ features: FEATURES, name: 'loss' }).join('\n')).toContain(kind.loss.pytorch.replace(/\(.*/, ''));
      expect(kind.loss.outputDoc).toMatch(/\S/);
      const head = kind.loss.onnxHead({ output: 'logits', batch: 'batch', features: FEATURES, name: 'loss' });
      expect(head.nodes.length).toBe(head.outputs.length);
    } else {
      expect(kind.export.pytorch(kind.paramsOf(layer))).toMatch(/^nn\.\w+\(.*\)$/);
      const op = kind.export.onnx(kind.paramsOf(layer));
      expect(op.opType).toMatch(/^[A-Z]\w+$/);
      expect(op.doc).toMatch(/\S/);
      for (const w of op.weightInputs) expect(kind.weights.map((s) => s.exportName)).toContain(w);
    }
  });

  it('applies defaults the same way everywhere: resolveParams fills every parameter that has one', () => {
    for (const kind of NODE_KINDS) {
      const r = resolveParams(kind.params, {});
      for (const spec of kind.params) expect(r[spec.name]).toBe(spec.default);
    }
  });
});

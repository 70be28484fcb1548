import { createRng, Linear, type Layer } from '../../engine';
import { noSuchWrt, notRunYet, type JacobianSpec } from './jacobian-spec';
import type { InferenceKind } from './kind';
import { resolveParams, sizeParam } from './params';

const PARAMS = [
  sizeParam('in_features', 'In features', 'Features coming in; inferred from the incoming edge when left empty.'),
  sizeParam('out_features', 'Out features', 'Features going out.', 16),
  { name: 'wstd', label: 'Init std', kind: 'number', optional: true, min: 0, max: 100, help: 'Standard deviation of the initial weights (default 0.1).' },
] as const;

export const linearKind: InferenceKind<'Linear'> = {
  type: 'Linear',
  displayName: 'Linear',
  category: 'layer',
  description: 'Fully connected: Z = X·Wᵀ + b.',
  idPrefix: 'fc',
  params: PARAMS,
  sparseOutput: false,
  widthParams: { in: 'in_features', out: 'out_features' },
  weights: [
    { name: 'w', dims: ['out_features', 'in_features'], exportName: 'weight' },
    { name: 'b', dims: ['out_features'], exportName: 'bias' },
  ],
  layerClass: Linear,
  summary: (p, inferredIn) => `Linear ${p.in_features ?? inferredIn ?? '?'} → ${p.out_features ?? 16}`,
  title: (r) => `Linear(${r.in_features} → ${r.out_features})`,
  infer(features, p, from) {
    const r = resolveParams(PARAMS, p);
    if (r.in_features !== undefined && r.in_features !== features) {
      return {
        ok: false,
        problem: {
          message: `expects ${r.in_features} input features (in_features) but receives ${features} from ${from}. Set in_features to ${features}, or clear it to infer it.`,
          field: 'in_features',
        },
      };
    }
    return { ok: true, out: r.out_features, resolved: { ...r, in_features: features } };
  },
  build: (r, ctx) => new Linear(r.in_features, r.out_features, { wstd: r.wstd ?? 0.1, rng: createRng(ctx.seed('init')) }),
  paramsOf: (layer: Layer) => ({ in_features: (layer as Linear).inFeatures, out_features: (layer as Linear).outFeatures }),
  jacobian: linearJacobian,
  export: {
    pytorch: (r) => `nn.Linear(${r.in_features}, ${r.out_features})`,
    onnx: (r) => ({
      opType: 'Gemm',
      attributes: [{ name: 'transB', int: 1 }],
      doc: `Linear(in_features=${r.in_features}, out_features=${r.out_features}): X·Wᵀ + b`,
      weightInputs: ['weight', 'bias'],
    }),
  },
};

function linearJacobian(layer: Layer, wrt: string): JacobianSpec {
  const l = layer as Linear;
  const x = l.lastInput;
  if (!x) throw notRunYet(layer);
  const batch = x.shape.slice(0, -1);
  let samples = 1;
  for (const s of batch) samples *= s;
  const out = l.outFeatures;
  const outDims = [...batch, out];
  // dY[n,i]/dX[m,j] = W[i,j] if n = m: W in each sample's diagonal block.
  if (wrt === 'input') {
    return {
      pattern: 'block-diagonal',
      outDims,
      wrtDims: x.shape,
      symbols: { out: 'Y', wrt: 'X' },
      formula: 'dY[n,i]/dX[m,j] = W[i,j] when n = m, else 0',
      bytes: 0,
      blocks: samples,
      blockRows: out,
      blockCols: l.inFeatures,
      shared: l.w.data,
    };
  }
  // dY[n,i]/dW[k,j] = X[n,j] if i = k.
  if (wrt === 'w') {
    const formula = "dY[n,i]/dW[k,j] = X[n,j] when i = k, else 0 — X's row on the matching output index";
    return { pattern: 'row-blocks', outDims, wrtDims: l.w.shape, symbols: { out: 'Y', wrt: 'W' }, formula, bytes: 0, samples, out, width: l.inFeatures, rows: x.data };
  }
  // dY[n,i]/db[k] = [i = k].
  if (wrt === 'b') {
    const formula = 'dY[n,i]/db[k] = 1 when i = k, else 0 — one identity matrix per sample';
    return { pattern: 'stacked-identity', outDims, wrtDims: l.b.shape, symbols: { out: 'Y', wrt: 'b' }, formula, bytes: 0, samples, out };
  }
  throw noSuchWrt(layer, wrt, ['w', 'b']);
}

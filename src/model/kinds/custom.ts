import { CodeLayer, Tensor, type Layer } from '../../engine';
import { DEFAULT_CODE } from './custom-templates';
import { notRunYet, type JacobianSpec } from './jacobian-spec';
import type { InferenceKind } from './kind';
import { resolveParams, sizeParam } from './params';

const PARAMS = [
  sizeParam('in_features', 'In features', 'Features coming in; inferred from the incoming edge when left empty.'),
  sizeParam('out_features', 'Out features', 'Features the code returns per sample; empty: as many as come in (an elementwise layer).'),
] as const;

/** Entries of a Jacobian the numerical facet will compute (rows × columns). */
const MAX_JACOBIAN_ENTRIES = 1 << 20;

/**
 * A layer whose forward and backward the user writes (see `custom-templates.ts` for the
 * code's interface). The shape rule is the node's own: `out_features`, or the input's width
 * when empty; the runtime checks the code's output against it. The weights are the code's
 * (`this.param(…)`), so `weights` is empty and stored weights are checked against the built
 * layer. Building needs the runtime's compiler (`BuildContext.codeLayer`).
 */
export const customKind: InferenceKind<'Custom'> = {
  type: 'Custom',
  displayName: 'Custom',
  category: 'layer',
  description: 'Your own layer: forward and backward written in code, checked against finite differences.',
  idPrefix: 'custom',
  params: PARAMS,
  sparseOutput: false,
  widthParams: { in: 'in_features', out: 'out_features' },
  weights: [],
  code: { defaultCode: DEFAULT_CODE },
  layerClass: CodeLayer,
  summary: (p, inferredIn) => `Custom ${p.in_features ?? inferredIn ?? '?'} → ${p.out_features ?? p.in_features ?? inferredIn ?? '?'}`,
  title: (r) => `Custom(${r.in_features} → ${r.out_features})`,
  infer(features, p, from) {
    const r = resolveParams(PARAMS, p);
    if (r.in_features !== undefined && r.in_features !== features) {
      return {
        ok: false,
        problem: { message: `expects ${r.in_features} input features (in_features) but receives ${features} from ${from}. Set in_features to ${features}, or clear it to infer it.`, field: 'in_features' },
      };
    }
    const out = r.out_features ?? features;
    return { ok: true, out, resolved: { in_features: features, out_features: out } };
  },
  build(r, ctx) {
    if (!ctx.codeLayer) throw new Error('a Custom layer runs its code only in the engine, once you choose to run it');
    return ctx.codeLayer(ctx.code ?? '', r.in_features, r.out_features, ctx.seed('init'));
  },
  paramsOf: (layer: Layer) => ({ in_features: (layer as CodeLayer).inFeatures, out_features: (layer as CodeLayer).outFeatures }),
  jacobian: numericalJacobian,
  export: {
    pytorch: () => {
      throw new Error('a Custom layer has no PyTorch module: the exporter writes its code as a commented stub');
    },
    onnx: () => {
      throw new Error('a Custom layer has no ONNX operator');
    },
  },
};

/**
 * J on the last batch, row by row from the layer's own backward (a float64 copy fed
 * one-hot output gradients): what the code's gradient says J is, as the built-in kinds'
 * analytic specs say theirs. Laid out as the diagonal when it is one, else as one block
 * per sample when samples do not mix, else as one dense block.
 */
function numericalJacobian(layer: Layer, wrt: string): JacobianSpec {
  const l = layer as CodeLayer;
  const x = l.lastInput;
  if (!x) throw notRunYet(layer);
  const copy = l.clone('float64');
  const out = copy.forward(x.clone('float64'));
  const params = copy.params();
  const target = wrt === 'input' ? x : params.find((p) => p.name === wrt)?.value;
  if (!target) {
    const options = ['input', ...params.map((p) => p.name)].map((n) => `'${n}'`).join(', ');
    throw new Error(`jacobianStructure: ${layer} has no parameter '${wrt}'; it can be differentiated with respect to ${options}`);
  }
  const rows = out.size, cols = target.size;
  if (rows * cols > MAX_JACOBIAN_ENTRIES) throw new Error(`jacobianStructure: ${layer}'s Jacobian w.r.t. ${wrt} has ${rows} × ${cols} entries, more than a Custom layer's are computed for`);
  const J = new Float32Array(rows * cols);
  const e = Tensor.zeros(out.shape, 'float64');
  for (let k = 0; k < rows; k++) {
    e.data.fill(0);
    e.data[k] = 1;
    copy.zeroGrad();
    const dx = copy.backward(e);
    const g = wrt === 'input' ? dx : params.find((p) => p.name === wrt)!.grad;
    for (let j = 0; j < cols; j++) J[k * cols + j] = g.data[j];
  }
  const base = { outDims: out.shape, wrtDims: target.shape, symbols: { out: 'Y', wrt: wrt === 'input' ? 'X' : wrt }, bytes: J.byteLength };
  const samples = x.shape[0];
  if (wrt === 'input' && rows === cols && offDiagonalZero(J, rows)) {
    const values = new Float32Array(rows);
    for (let k = 0; k < rows; k++) values[k] = J[k * cols + k];
    return { ...base, pattern: 'diagonal', values, formula: 'dY[n,i]/dX[m,j] from your backward: non-zero only when (n, i) = (m, j) — elementwise' };
  }
  if (wrt === 'input' && samples > 1 && samplesSeparate(J, rows, cols, samples)) {
    const br = rows / samples, bc = cols / samples;
    const own = new Float32Array(samples * br * bc);
    for (let n = 0; n < samples; n++) for (let i = 0; i < br; i++) for (let j = 0; j < bc; j++) own[(n * br + i) * bc + j] = J[(n * br + i) * cols + n * bc + j];
    return { ...base, pattern: 'block-diagonal', blocks: samples, blockRows: br, blockCols: bc, own, formula: 'dY[n,i]/dX[m,j] from your backward: zero unless n = m — one block per sample' };
  }
  return { ...base, pattern: 'block-diagonal', blocks: 1, blockRows: rows, blockCols: cols, own: J, formula: `dY/d${wrt === 'input' ? 'X' : wrt} from your backward, one dense block` };
}

function offDiagonalZero(J: Float32Array, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && J[i * n + j] !== 0) return false;
  return true;
}

function samplesSeparate(J: Float32Array, rows: number, cols: number, samples: number): boolean {
  const br = rows / samples, bc = cols / samples;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (Math.floor(i / br) !== Math.floor(j / bc) && J[i * cols + j] !== 0) return false;
  return true;
}

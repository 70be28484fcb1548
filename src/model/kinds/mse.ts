import { MSELoss, type Layer } from '../../engine';
import { noSuchWrt, notRunYet, type JacobianSpec } from './jacobian-spec';
import type { LossKind } from './kind';

/** Mean squared error of the network's outputs against numeric targets, as PyTorch's `nn.MSELoss()`. */
export const mseKind: LossKind<'MSELoss'> = {
  type: 'MSELoss',
  displayName: 'MSE loss',
  category: 'loss',
  task: 'regression',
  description: 'Mean squared error of the outputs against numeric targets.',
  idPrefix: 'mse',
  sparseOutput: false,
  params: [],
  widthParams: {},
  weights: [],
  layerClass: MSELoss,
  summary: () => 'MSE loss',
  title: () => 'MSE loss',
  infer: () => ({ ok: true, out: 'scalar', resolved: {} }),
  build: () => new MSELoss(),
  paramsOf: () => ({}),
  jacobian: mseJacobian,
  loss: {
    pytorch: 'nn.MSELoss()',
    pytorchDoc: ({ features, name }) => [
      `Loss: the graph ends with a mean squared error loss (${name}). In PyTorch that is`,
      `nn.MSELoss()(outputs, targets), with targets the numbers each sample should give`,
      `(floats, shape [batch, ${features}]). It averages the squared differences over every`,
      'output of every sample, as Backprop Studio does; the network ends with its raw outputs.',
    ],
    outputName: 'output',
    outputDoc: 'The network output: the predicted targets.',
    onnxHead: () => ({ nodes: [], outputs: [] }),
  },
};

/**
 * The per-sample losses ℓ[n] = Σ_d (x[n,d] − t[n,d])² / D against the outputs (L is their mean):
 * ℓ[n] depends only on its own row, a 1 × D block per sample, dℓ[n]/dx[n,d] = 2(x[n,d] − t[n,d]) / D.
 */
function mseJacobian(layer: Layer, wrt: string): JacobianSpec {
  if (wrt !== 'input') throw noSuchWrt(layer, wrt, []);
  const diff = (layer as MSELoss).difference;
  if (!diff) throw notRunYet(layer);
  const [n, d] = diff.shape;
  const own = new Float32Array(diff.size);
  for (let i = 0; i < own.length; i++) own[i] = (2 * diff.data[i]) / d;
  return {
    pattern: 'block-diagonal',
    outDims: [n],
    wrtDims: diff.shape,
    symbols: { out: 'ℓ', wrt: 'x' },
    formula: 'dℓ[n]/dx[m,d] = 2·(x[n,d] − t[n,d]) / D when n = m, else 0 (one 1 × D block per sample)',
    bytes: diff.data.byteLength + own.byteLength,
    blocks: n,
    blockRows: 1,
    blockCols: d,
    own,
  };
}

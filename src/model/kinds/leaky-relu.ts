import { LeakyReLU, type Layer } from '../../engine';
import { pyFloat } from '../exporters/python-text';
import { elementwiseKind } from './elementwise';

export const leakyReluKind = elementwiseKind({
  type: 'LeakyReLU',
  displayName: 'LeakyReLU',
  category: 'activation',
  description: 'max(alpha·x, x).',
  idPrefix: 'lrelu',
  sparseOutput: true,
  params: [{ name: 'alpha', label: 'Alpha', kind: 'number', default: 0.01, min: 0, max: 1, maxExclusive: true, help: 'Slope for negative inputs, 0 ≤ alpha < 1.' }],
  describe: (r) => `α=${r.alpha}`,
  layerClass: LeakyReLU,
  build: (r) => new LeakyReLU(r.alpha),
  paramsOf: (layer: Layer) => ({ alpha: (layer as LeakyReLU).alpha }),
  derivativeText: 'for LeakyReLU, f′(x) = 1 where x > 0, else α',
  mlpActivation: 'lrelu',
  export: {
    pytorch: (r) => `nn.LeakyReLU(negative_slope=${pyFloat(r.alpha)})`,
    onnx: (r) => ({ opType: 'LeakyRelu', attributes: [{ name: 'alpha', float: r.alpha }], doc: `LeakyReLU(alpha=${r.alpha})`, weightInputs: [] }),
  },
});

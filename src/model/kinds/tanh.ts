import { TanH } from '../../engine';
import { elementwiseKind } from './elementwise';

export const tanhKind = elementwiseKind({
  type: 'TanH',
  displayName: 'TanH',
  category: 'activation',
  description: 'tanh(x).',
  idPrefix: 'tanh',
  sparseOutput: false,
  params: [],
  layerClass: TanH,
  build: () => new TanH(),
  paramsOf: () => ({}),
  derivativeText: 'for TanH, f′(x) = 1 − tanh²(x)',
  mlpActivation: 'tanh',
  export: { pytorch: () => 'nn.Tanh()', onnx: () => ({ opType: 'Tanh', doc: 'TanH: tanh(x)', weightInputs: [] }) },
});

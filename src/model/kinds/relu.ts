import { ReLU } from '../../engine';
import { elementwiseKind } from './elementwise';

export const reluKind = elementwiseKind({
  type: 'ReLU',
  displayName: 'ReLU',
  category: 'activation',
  description: 'max(0, x).',
  idPrefix: 'relu',
  sparseOutput: true,
  params: [],
  layerClass: ReLU,
  build: () => new ReLU(),
  paramsOf: () => ({}),
  derivativeText: 'for ReLU, f′(x) = 1 where x > 0, else 0',
  mlpActivation: 'relu',
  export: { pytorch: () => 'nn.ReLU()', onnx: () => ({ opType: 'Relu', doc: 'ReLU: max(0, x)', weightInputs: [] }) },
});

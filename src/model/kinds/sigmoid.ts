import { Sigmoid } from '../../engine';
import { elementwiseKind } from './elementwise';

export const sigmoidKind = elementwiseKind({
  type: 'Sigmoid',
  displayName: 'Sigmoid',
  category: 'activation',
  description: '1 / (1 + e^−x).',
  idPrefix: 'sigmoid',
  sparseOutput: false,
  params: [],
  layerClass: Sigmoid,
  build: () => new Sigmoid(),
  paramsOf: () => ({}),
  derivativeText: 'for Sigmoid, f′(x) = σ(x)·(1 − σ(x)) ≤ 1/4',
  mlpActivation: 'sigmoid',
  export: { pytorch: () => 'nn.Sigmoid()', onnx: () => ({ opType: 'Sigmoid', doc: 'Sigmoid: 1 / (1 + e^−x)', weightInputs: [] }) },
});

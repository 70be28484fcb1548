/**
 * The engine: tensors and layers with hand-written forward and backward passes.
 * Pure TypeScript — runs in Node, the browser and the worker.
 */
export { Tensor, allocate, shapeSize, formatShape, type DType, type TensorData } from './tensor';
export { Rng, createRng, defaultRng, manualSeed } from './rng';
export { Layer, walkLayers, type Param } from './layer';
export { CodeLayer } from './code-layer';
export { LeakyReLU, ReLU, Sigmoid, TanH } from './activations';
export { Linear, type LinearOptions } from './linear';
export { Dropout, type DropoutOptions } from './dropout';
export { CrossEntropyLoss } from './cross-entropy';
export { MSELoss } from './mse';
export { Sequential, type LayerCall } from './sequential';
export { MLP, ACTIVATIONS, makeActivation, type ActivationName, type MLPOptions } from './mlp';
export {
  Optimizer,
  SGD,
  MomentumSGD,
  RMSProp,
  Adam,
  type SGDOptions,
  type MomentumSGDOptions,
  type RMSPropOptions,
  type AdamOptions,
} from './optim';
export { gradcheck, gradcheckSteps, formatGradcheck, type GradcheckEntry, type GradcheckOptions, type GradcheckResult, type GradcheckStep } from './gradcheck';
export { gemm } from './gemm';
export { checkNumber } from './checks';

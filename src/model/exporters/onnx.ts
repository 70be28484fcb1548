import type { Sequential } from '../../engine';
import { encodeModel, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './onnx-proto';
import { linearWeights, planExport, type ExportOptions, type LayerPlan } from './plan';

/**
 * Options of the ONNX export. `includeWeights` is not consulted: Gemm needs concrete
 * initializers, so the file always carries the model's current weights (its initial
 * values when it has not been trained).
 */
export type OnnxExportOptions = ExportOptions;

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET_VERSION = 13;
/** The symbolic first dimension of the input and outputs. */
export const ONNX_BATCH_DIM = 'batch';

/**
 * The model's inference network as an ONNX file (ModelProto bytes): input `input`
 * float [batch, inputFeatures], output `logits` float [batch, classes], plus
 * `probabilities` (Softmax over axis 1) when the model ends with a cross-entropy loss.
 * Linear → Gemm (transB = 1, weights named `<layer>.weight` / `<layer>.bias`),
 * activations → Relu, LeakyRelu, Sigmoid, Tanh; Dropout → Identity, its inference behaviour.
 */
export function exportOnnx(model: Sequential, options: OnnxExportOptions): Uint8Array {
  const where = 'exportOnnx';
  const plan = planExport(where, model, options);
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const valueInfo: OnnxValueInfo[] = [];
  let current = 'input';
  let features = plan.inputFeatures;
  plan.layers.forEach((l, i) => {
    const out = i === plan.layers.length - 1 ? 'logits' : `${l.name}.output`;
    if (l.kind === 'linear') {
      const { weight, bias } = linearWeights(where, l);
      const w = `${l.name}.weight`;
      const b = `${l.name}.bias`;
      initializers.push({ name: w, dims: [l.outFeatures, l.inFeatures], values: weight }, { name: b, dims: [l.outFeatures], values: bias });
      nodes.push({
        name: l.name,
        opType: 'Gemm',
        inputs: [current, w, b],
        outputs: [out],
        attributes: [{ name: 'transB', int: 1 }],
        doc: `Linear(in_features=${l.inFeatures}, out_features=${l.outFeatures}): X·Wᵀ + b`,
      });
      features = l.outFeatures;
    } else {
      nodes.push({ name: l.name, inputs: [current], outputs: [out], ...activation(l) });
    }
    if (out !== 'logits') valueInfo.push({ name: out, shape: [ONNX_BATCH_DIM, features] });
    current = out;
  });
  if (plan.layers.length === 0) nodes.push({ name: 'identity', opType: 'Identity', inputs: ['input'], outputs: ['logits'], doc: 'The model has no layers: its output is its input.' });

  const classes = plan.outputFeatures;
  const outputs: OnnxValueInfo[] = [{ name: 'logits', shape: [ONNX_BATCH_DIM, classes], doc: 'The network output: raw class scores, before any softmax.' }];
  if (plan.loss) {
    nodes.push({
      name: plan.loss.name,
      opType: 'Softmax',
      inputs: ['logits'],
      outputs: ['probabilities'],
      attributes: [{ name: 'axis', int: 1 }],
      doc: 'Stands in for the cross-entropy loss at inference: the class probabilities it compares with the labels.',
    });
    outputs.push({ name: 'probabilities', shape: [ONNX_BATCH_DIM, classes], doc: 'softmax(logits) over the classes; each row sums to 1.' });
  }

  return encodeModel({
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET_VERSION,
    producerName: 'Backprop Studio',
    doc:
      `${plan.name}, exported from Backprop Studio for inference. The weights are the model's values at the time of export. ` +
      'Dropout is the identity, as in evaluation mode.',
    graph: {
      name: plan.name,
      nodes,
      initializers,
      inputs: [{ name: 'input', shape: [ONNX_BATCH_DIM, plan.inputFeatures], doc: `A batch of samples with ${plan.inputFeatures} features each.` }],
      outputs,
      valueInfo,
    },
  });
}

function activation(l: Exclude<LayerPlan, { kind: 'linear' }>): Pick<OnnxNode, 'opType' | 'attributes' | 'doc'> {
  switch (l.kind) {
    case 'relu':
      return { opType: 'Relu' };
    case 'leaky_relu':
      return { opType: 'LeakyRelu', attributes: [{ name: 'alpha', float: l.alpha }] };
    case 'sigmoid':
      return { opType: 'Sigmoid' };
    case 'tanh':
      return { opType: 'Tanh' };
    case 'dropout':
      return { opType: 'Identity', doc: `Dropout(p=${l.p}): the identity at inference.` };
  }
}

import type { Sequential } from '../../engine';
import { encodeModel, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './onnx-proto';
import { exportWeights, planExport, type ExportOptions } from './plan';

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
 * float [batch, inputFeatures], output `logits` float [batch, classes] (`output` after a
 * regression loss), plus what the loss adds: `probabilities` (Softmax over axis 1) after a
 * cross-entropy loss.
 * Linear → Gemm (transB = 1, weights named `<layer>.weight` / `<layer>.bias`),
 * activations → Relu, LeakyRelu, Sigmoid, Tanh; Dropout → Identity, its inference behaviour.
 */
export function exportOnnx(model: Sequential, options: OnnxExportOptions): Uint8Array {
  const where = 'exportOnnx';
  const plan = planExport(where, model, options);
  const coded = plan.layers.find((l) => l.kind.code);
  if (coded) {
    throw new Error(
      `ONNX export is not possible: layer ${JSON.stringify(coded.name)} is a Custom layer, whose code has no ONNX operator. Export to PyTorch instead (its code comes as a stub to translate), or build the model from built-in layers.`,
    );
  }
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const valueInfo: OnnxValueInfo[] = [];
  let current = 'input';
  let features = plan.inputFeatures;
  const final = plan.loss?.kind.loss.outputName ?? 'logits';
  plan.layers.forEach((l, i) => {
    const out = i === plan.layers.length - 1 ? final : `${l.name}.output`;
    const op = l.kind.export.onnx(l.params);
    const weights = new Map(exportWeights(where, l).map((w) => [w.spec.exportName, w]));
    const inputs = [current];
    for (const exportName of op.weightInputs) {
      const w = weights.get(exportName);
      if (!w) throw new Error(`${where}: layer ${l.index} (${JSON.stringify(l.name)}) has no weight '${exportName}' for its ${op.opType}`);
      inputs.push(`${l.name}.${exportName}`);
      initializers.push({ name: `${l.name}.${exportName}`, dims: w.dims, values: w.values });
    }
    nodes.push({ name: l.name, opType: op.opType, inputs, outputs: [out], doc: op.doc, ...(op.attributes ? { attributes: op.attributes } : {}) });
    features = l.outFeatures;
    if (out !== final) valueInfo.push({ name: out, shape: [ONNX_BATCH_DIM, features] });
    current = out;
  });
  if (plan.layers.length === 0) nodes.push({ name: 'identity', opType: 'Identity', inputs: ['input'], outputs: [final], doc: 'The model has no layers: its output is its input.' });

  const width = plan.outputFeatures;
  const outputs: OnnxValueInfo[] = [{ name: final, shape: [ONNX_BATCH_DIM, width], doc: plan.loss?.kind.loss.outputDoc ?? 'The network output.' }];
  if (plan.loss) {
    const head = plan.loss.kind.loss.onnxHead({ output: final, batch: ONNX_BATCH_DIM, features: width, name: plan.loss.name });
    nodes.push(...head.nodes);
    outputs.push(...head.outputs);
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

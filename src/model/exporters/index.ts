/**
 * Exporters that carry a model out of Backprop Studio: a PyTorch script and an ONNX file.
 * Both take the compiled `Sequential` (an optional final CrossEntropyLoss is not part of
 * the exported inference network) and run anywhere: no DOM, no Node APIs.
 */
export { exportPyTorch, type PyTorchExportOptions } from './pytorch';
export { exportOnnx, ONNX_BATCH_DIM, ONNX_IR_VERSION, ONNX_OPSET_VERSION, type OnnxExportOptions } from './onnx';
export type { ExportOptions } from './plan';
export { StoredCodeLayer } from './code-stub';
export { exportTrainingScript, optimizerText, type TrainingScriptData, type TrainingScriptOptions } from './training-script';
export { zipFiles, crc32, type ZipEntry } from './zip';

/**
 * The model document: its schema and node types, the graph analysis and compiler to the
 * engine's Sequential, the document's export, and exporters to PyTorch and ONNX.
 */
export * from './schema';
export * from './kinds';
export { analyzeGraph, layerTitle, nodeName, type AnalyzeOptions, type CodeParamsLookup, type ParamShape, type Analysis, type Diagnostic, type Plan, type PlanLayer, type Shape } from './analyze';
export { MAX_DIAGNOSTICS, MAX_PINNED_EDGES } from './diagnostics';
export { MAX_MODEL_PARAMS, MAX_ACTIVATION_BYTES, formatBytes } from './limits';
export { compileGraph, buildLayer, nodeSeed, type CompileOptions, type CompileResult } from './compile';
export { exportModelDocument, readModelWeights, type ExportOptions as DocumentExportOptions } from './export';
export { wouldCreateCycle, cycleEdges, type EdgeLike } from './graph';
export { buildMlpGraph, activationNodeType, mlpRowLength, MLP_ACTIVATIONS, CHAIN_SPACING, type MlpSpec } from './build-mlp';
export { encodeFloat32, decodeFloat32 } from './base64';
export { exportPyTorch, exportOnnx, exportTrainingScript, zipFiles, StoredCodeLayer, type PyTorchExportOptions, type OnnxExportOptions, type TrainingScriptData, type TrainingScriptOptions, type ZipEntry } from './exporters';
export { parseModelDocument, MAX_DOCUMENT_CHARS, MAX_NODES, type ParseResult, type DocumentProblem } from './parse';
export { serializeModelDocument } from './serialize';
export { checkModelObject } from './check-object';
export { quoteText, clipText, MAX_QUOTED_CHARS } from './quote';
export * from './lesson';
export * from './breakpoints';

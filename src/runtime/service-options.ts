/** What the page may ask of the engine service, and the options of the service and of a load. */
import type { DigitsSource } from './datasets/digits';

/** The calls the page makes; each has its arguments checked and its unexpected failures translated (see guardEntries). */
export const SERVICE_ENTRIES = [
  'load', 'setMode', 'forward', 'backward', 'stepReset', 'stepStatus', 'stepNext', 'gradcheck', 'checkGradients',
  'cancelGradcheck', 'jacobian', 'tensor', 'datasetPoints', 'decisionBoundary', 'train', 'pause', 'resume', 'trainStep', 'compare',
  'cancelCompare', 'setCourteous', 'stop', 'setSpeed', 'getWeights', 'resetWeights', 'exportOnnx', 'exportPyTorch', 'describeNode',
  'awaitData', 'imageReport', 'traceSample', 'jvp', 'forwardGradientStep',
] as const;

export interface LoadOptions {
  /**
   * 'keep' (editing): layers that did not change keep their current, trained weights;
   * 'document' (opening a file, an example, a link): the document's weights replace them.
   */
  weights?: 'keep' | 'document';
  /**
   * Run the document's custom layer code. Off (the default) for code the user has not
   * chosen to run: Custom nodes then report that, and no code runs.
   */
  runCode?: boolean;
}

export interface EngineServiceOptions {
  /** Where the digits come from when a document asks for them (the worker's fetch of the built file; a file in tests). */
  digits?: DigitsSource;
}

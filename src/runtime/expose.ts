import * as Comlink from 'comlink';
import type { ModelDocument } from '../model';
import type { JacobianWrt } from './jacobian';
import type { GradcheckProgress } from './gradcheck-run';
import { layerJacobians, livePass, type LiveReport } from './live-pass';
import type { TrainingSpeed } from './pace';
import type { CompareOptions, CompareProgress } from './compare';
import type { JvpDirection, TensorKind, TrainProgress } from './protocol';
import type { DigitsProgress } from './datasets/digits';
import { EngineService, type LoadOptions } from './service';
import { checkCode, type CodeReport } from './custom';

/** Every ArrayBuffer under `value`, once each, so results cross the worker boundary without copies. */
export function transferables(value: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (value && typeof value === 'object') {
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    } else if (value instanceof ArrayBuffer) out.add(value);
    else for (const v of Object.values(value)) transferables(v, out);
  }
  return [...out];
}

function moved<T>(value: T): T {
  // Comlink keys transfers by the object, so null (an absent tensor, a non-2-D boundary) goes as it is.
  return value !== null && typeof value === 'object' ? Comlink.transfer(value, transferables(value)) : value;
}

/**
 * The service as the worker exposes it: the same calls, with typed arrays in results
 * transferred rather than copied. Built here (not in the worker entry) so tests can run
 * it over a MessageChannel in Node.
 */
export function createWorkerApi(service = new EngineService()) {
  return {
    load: (doc: ModelDocument, options?: LoadOptions) => service.load(doc, options),
    awaitData: (onProgress?: (p: DigitsProgress) => void) => service.awaitData(onProgress),
    setMode: (mode: 'train' | 'eval') => service.setMode(mode),
    forward: () => moved(service.forward()),
    backward: () => moved(service.backward()),
    stepReset: () => service.stepReset(),
    stepStatus: () => service.stepStatus(),
    stepNext: () => moved(service.stepNext()),
    gradcheck: () => service.gradcheck(),
    checkGradients: (onProgress?: (p: GradcheckProgress) => void) => service.checkGradients(onProgress),
    cancelGradcheck: () => service.cancelGradcheck(),
    livePass: (): LiveReport => moved<LiveReport>(livePass(service)),
    layerJacobians: () => moved(layerJacobians(service)),
    jacobian: (nodeId: string, wrt?: JacobianWrt) => moved(service.jacobian(nodeId, wrt)),
    tensor: (nodeId: string, kind: TensorKind, maxSide?: number) => moved(service.tensor(nodeId, kind, maxSide)),
    jvp: (nodeId: string, direction: JvpDirection) => moved(service.jvp(nodeId, direction)),
    datasetPoints: () => moved(service.datasetPoints()),
    decisionBoundary: (resolution?: number) => moved(service.decisionBoundary(resolution)),
    imageReport: (withImages?: boolean) => moved(service.imageReport(withImages)),
    traceSample: (testIndex: number) => moved(service.traceSample(testIndex)),
    train: (onProgress: (p: TrainProgress) => void) => service.train((p) => onProgress(moved(p))),
    compare: (options: CompareOptions, onProgress: (p: CompareProgress) => void) => service.compare(options, onProgress),
    cancelCompare: () => service.cancelCompare(),
    forwardGradientStep: (seed: number) => service.forwardGradientStep(seed),
    pause: () => service.pause(),
    resume: () => service.resume(),
    trainStep: () => service.trainStep(),
    setCourteous: (on: boolean) => service.setCourteous(on),
    setSpeed: (speed: TrainingSpeed) => service.setSpeed(speed),
    stop: () => service.stop(),
    trainingState: () => service.training.state,
    getWeights: () => service.getWeights(),
    resetWeights: () => service.resetWeights(),
    exportOnnx: () => moved(service.exportOnnx()),
    exportPyTorch: (includeWeights: boolean) => service.exportPyTorch(includeWeights),
    /** The homework's check of a Custom layer's code as it is typed (nothing else runs it on the way). */
    checkCode: (code: string, inFeatures: number, outFeatures: number): CodeReport => checkCode(code, inFeatures, outFeatures),
    /** Answers at once: the client's watchdog knows the worker is not stuck in code. */
    ping: () => true,
  };
}

export type WorkerApi = ReturnType<typeof createWorkerApi>;

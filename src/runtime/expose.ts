import * as Comlink from 'comlink';
import type { ModelDocument } from '../model';
import type { JacobianWrt } from './jacobian';
import type { GradcheckProgress } from './gradcheck-run';
import { layerJacobians, livePass, type LiveReport } from './live-pass';
import type { TrainingSpeed } from './pace';
import type { TensorKind, TrainProgress } from './protocol';
import { EngineService, type LoadOptions } from './service';

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
    datasetPoints: () => moved(service.datasetPoints()),
    decisionBoundary: (resolution?: number) => moved(service.decisionBoundary(resolution)),
    train: (onProgress: (p: TrainProgress) => void) => service.train((p) => onProgress(moved(p))),
    pause: () => service.pause(),
    resume: () => service.resume(),
    setCourteous: (on: boolean) => service.setCourteous(on),
    setSpeed: (speed: TrainingSpeed) => service.setSpeed(speed),
    stop: () => service.stop(),
    trainingState: () => service.training.state,
    getWeights: () => service.getWeights(),
    resetWeights: () => service.resetWeights(),
    exportOnnx: () => moved(service.exportOnnx()),
    exportPyTorch: (includeWeights: boolean) => service.exportPyTorch(includeWeights),
  };
}

export type WorkerApi = ReturnType<typeof createWorkerApi>;

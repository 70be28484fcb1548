import * as Comlink from 'comlink';
import type { CodeReport, EngineClient } from '../../runtime';
import type { RunActions, RunState } from './run-data';
import type { SerialQueue } from './stepper';
import { forwardComplete } from './views';

/** The run store's questions to the engine, which change nothing on show. */
export type EngineQueries = Pick<
  RunActions,
  'jacobian' | 'checkCode' | 'tensor' | 'imageReport' | 'traceSample' | 'jvp' | 'compareEstimators' | 'cancelCompare' | 'forwardGradientStep' | 'exportOnnx' | 'exportPyTorch'
>;

/**
 * Questions about the model the views ask the engine (a layer's Jacobian, a tensor, a JVP,
 * a custom layer's check, the image report, a comparison of estimators, the exports). Each
 * waits until the engine holds the current document; those that read the last pass queue
 * behind passes (`serial`), so they never see one half-made.
 */
export function engineQueries(client: EngineClient, serial: SerialQueue, get: () => RunState, notifyError: (e: unknown) => void): EngineQueries {
  return {
    async jacobian(nodeId, wrt) {
      await get().syncNow();
      return serial.run(() => {
        if (!forwardComplete(get())) throw new Error('The stepped pass is half-way through its forward phase; step on to its end to see Jacobians.');
        return client.call((api) => api.jacobian(nodeId, wrt));
      });
    },

    checkCode(code, inFeatures, outFeatures) {
      return client.callCode((api) => api.checkCode(code, inFeatures, outFeatures) as Promise<CodeReport>);
    },

    async tensor(nodeId, kind, maxSide) {
      await get().syncNow();
      // Half-way through a stepped forward pass, asking would run the rest of it at once.
      return serial.run(async () => (forwardComplete(get()) || get().steps.length === 0 ? client.call((api) => api.tensor(nodeId, kind, maxSide)) : null));
    },

    imageReport: (withImages) => client.call((api) => api.imageReport(withImages)),

    traceSample: (testIndex) => client.call((api) => api.traceSample(testIndex)),

    async jvp(nodeId, direction) {
      await get().syncNow();
      return serial.run(() => client.call((api) => api.jvp(nodeId, direction)));
    },

    async compareEstimators(options, onProgress) {
      await get().syncNow();
      return client.call((api) => api.compare(options, Comlink.proxy(onProgress)));
    },

    async forwardGradientStep(seed) {
      await get().syncNow();
      return serial.run(() => client.call((api) => api.forwardGradientStep(seed)));
    },

    cancelCompare() {
      void client.call((api) => api.cancelCompare()).catch(notifyError);
    },

    async exportOnnx() {
      await get().syncNow();
      return client.call((api) => api.exportOnnx());
    },

    async exportPyTorch(includeWeights) {
      await get().syncNow();
      return client.call((api) => api.exportPyTorch(includeWeights));
    },
  };
}

/**
 * The runtime: the service the engine worker exposes (also usable directly in Node),
 * its training loop, datasets, Jacobian structure and the main thread's client.
 */
export { EngineService, GRADCHECK_THRESHOLD, type LoadOptions } from './service';
export { EngineClient, WorkerCrashedError, createEngineWorker, type EngineClientOptions, type WorkerLike } from './client';
export { createWorkerApi, transferables, type WorkerApi } from './expose';
export { summarize, MAX_VALUES, HISTOGRAM_BINS, type TensorSummary } from './summary';
export { PROGRESS_INTERVAL_MS } from './training';
export type * from './protocol';
export type { JacobianStructure, JacobianWrt, JacobianTiles, JacobianPattern } from './jacobian';
export type { Bounds, DatasetError } from './datasets';
export type { GradcheckProgress } from './gradcheck-run';
export type { LiveReport } from './live-pass';
export type { TrainingSpeed } from './pace';

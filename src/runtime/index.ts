/**
 * The runtime: the service the engine worker exposes (also usable directly in Node),
 * its training loop, datasets, Jacobian structure and the main thread's client.
 */
export { EngineService, GRADCHECK_THRESHOLD, type EngineServiceOptions, type LoadOptions } from './service';
export type { ImageReport, SampleTrace } from './image-report';
export { imageSide } from './image-report';
export { ArgumentError, MAX_BOUNDARY_RESOLUTION } from './arguments';
export { EngineFailure } from './entry-guard';
export { createDigitsSource, DIGITS_PATH, DIGIT_SIDE, type DigitsProgress, type DigitsSource } from './datasets/digits';
export { EngineClient, WorkerCrashedError, overrunReason, DocumentCrashedError, RESTART_BACKOFF_MS, createEngineWorker, type EngineClientOptions, type WorkerLike } from './client';
export { createWorkerApi, transferables, type WorkerApi } from './expose';
export { checkCode, lockDownWorkerScope, type CodeReport, type DiffLine, type WorstEntry } from './custom';
export { summarize, MAX_VALUES, HISTOGRAM_BINS, type TensorSummary } from './summary';
export { PROGRESS_INTERVAL_MS } from './training';
export { trainingExportZip, loadDigitsDataset, MAX_EXPORT_VALUES, type TrainingExportOptions } from './export-training';
export type * from './protocol';
export type { JacobianStructure, JacobianWrt, JacobianTiles, JacobianPattern } from './jacobian';
export { parseCsv, detectSeparator, readRecords, type Bounds, type DatasetError } from './datasets';
export type { GradcheckProgress } from './gradcheck-run';
export type { LiveReport } from './live-pass';
export { TRAINING_SPEEDS, type TrainingSpeed } from './pace';
export { COURTESY_PROGRESS_INTERVAL_MS } from './courtesy';
export { tensorView } from './tensor-view';
export type { CompareOptions, ComparePoint, CompareProgress, CompareResult, CompareTrack, ForwardGradientWalk, TangentLayer, TrackEnd } from './compare';
export { SMOOTHING as COMPARE_SMOOTHING, MAX_COMPARE_STEPS, MAX_TIME_BUDGET_MS } from './compare';

/**
 * Training datasets: seeded 2-D generators, the homework's random batch, the user's own
 * CSV, a stratified train/test split and the extent for a decision-boundary view.
 * Pure TypeScript — runs in the worker and in Node.
 */
export type { Dataset, DatasetSplit, DatasetError, DatasetResult, Bounds } from './types';
export { classCounts, subset, sampleCount, defaultFeatureNames, type GeneratorOptions } from './dataset';
export { spiral, SPIRAL_TURN } from './spiral';
export { circles, CIRCLES_INNER_RADIUS, CIRCLES_RING_START } from './circles';
export { xor, XOR_MARGIN } from './xor';
export { blobs, blobCenter, BLOBS_RADIUS } from './blobs';
export { moons } from './moons';
export { randomBatch } from './random-batch';
export { splitDataset, testCount } from './split';
export { dataBounds } from './bounds';
export { parseCsv, MAX_CSV_ROWS, MAX_CLASSES, type CsvOptions } from './csv';
export { generateDataset, prepareDataset, splitSeed, MAX_RANDOM_VALUES, type ModelShape } from './generate';

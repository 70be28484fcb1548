/**
 * Training datasets: seeded 2-D generators, regression curves and surfaces, the homework's
 * random batch, the user's own CSV (class labels or numbers to fit), a stratified train/test split and the extent for a decision-boundary view.
 * Pure TypeScript — runs in the worker and in Node.
 */
export type { Dataset, DatasetSplit, DatasetError, DatasetResult, Bounds, Targets } from './types';
export { classCounts, subset, sampleCount, defaultFeatureNames, isRegression, targetsOf, type GeneratorOptions } from './dataset';
export { spiral, SPIRAL_TURN } from './spiral';
export { circles, CIRCLES_INNER_RADIUS, CIRCLES_RING_START } from './circles';
export { xor, XOR_MARGIN } from './xor';
export { blobs, blobCenter, BLOBS_RADIUS } from './blobs';
export { moons } from './moons';
export { sine, SINE_HALF_WIDTH } from './sine';
export { surface, surfaceHeight, SURFACE_HALF_WIDTH } from './surface';
export { randomBatch } from './random-batch';
export { splitDataset, testCount } from './split';
export { dataBounds } from './bounds';
export { detectSeparator, readRecords, type CsvRecord, type CsvRecords } from './csv-records';
export { parseCsv, MAX_CSV_ROWS, MAX_CLASSES, type CsvOptions } from './csv';
export { generateDataset, prepareDataset, splitSeed, MAX_RANDOM_VALUES, type ModelShape } from './generate';

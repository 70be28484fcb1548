import type { TrainingSettings } from './schema';

/**
 * How large a model the app agrees to build, sized for a browser tab: checked by the
 * analysis before anything is allocated.
 */

/** Parameters of the whole model: 80 MB as float32, about 4× that while Adam trains it. */
export const MAX_MODEL_PARAMS = 20_000_000;
/** Activations the model keeps for the largest batch it runs (a training batch or a whole split evaluated at once). */
export const MAX_ACTIVATION_BYTES = 512 * 1024 ** 2;

/**
 * The most samples one forward pass takes: a training batch, or every sample of the dataset
 * when a split is evaluated at once (a CSV's rows are its lines, an upper bound).
 */
export function largestBatch(training: TrainingSettings | undefined): number {
  if (!training) return 0;
  const ds = training.dataset;
  const samples = ds.kind === 'csv' ? lineCount(ds.csv?.text ?? '') : ds.samples;
  return Math.max(training.batch_size, samples);
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes in binary units: "8 GiB", "1.0 MiB", "512 bytes". Whole multiples print without decimals. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return `${bytes} bytes`;
  let u = 0;
  let v = bytes;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${v} ${v === 1 ? 'byte' : 'bytes'}`;
  if (Number.isInteger(v)) return `${v} ${UNITS[u]}`;
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${UNITS[u]}`;
}

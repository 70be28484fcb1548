import { DatasetSchema, type DatasetSettings } from '../../model';
import { blobs } from './blobs';
import { circles } from './circles';
import { parseCsv } from './csv';
import type { GeneratorOptions } from './dataset';
import { moons } from './moons';
import { randomBatch } from './random-batch';
import { sine } from './sine';
import { spiral } from './spiral';
import { surface } from './surface';
import { splitDataset } from './split';
import { xor } from './xor';
import type { Dataset, DatasetError, DatasetResult, DatasetSplit } from './types';

/** Most values (samples × features) a random dataset may hold: 2²⁵ float32s, 128 MiB. */
export const MAX_RANDOM_VALUES = 2 ** 25;

const GENERATORS: Record<Exclude<DatasetSettings['kind'], 'csv' | 'random' | 'digits'>, (o: GeneratorOptions, seed: number) => Dataset> = {
  spiral,
  circles,
  xor,
  blobs,
  moons,
  sine,
  surface,
};

/** Model input sizes a `random` dataset must match. */
export interface ModelShape {
  /** The model's input features. */
  features?: number;
  /** The model's class count; defaults to the settings' `classes`. */
  classes?: number;
}

/**
 * Builds the dataset the settings describe, drawing from `seed`. Built-in kinds are 2-D
 * (but `sine`, 1-D; `sine` and `surface` are regression data);
 * `random` draws samples × `shape.features` values (required) with `shape.classes`
 * (or the settings' `classes`) classes; `csv` parses `settings.csv.text` (all rows; `samples`
 * and `classes` do not apply). Settings are checked against the document schema first.
 * Never throws for bad settings or data: problems are returned.
 */
export function generateDataset(settings: DatasetSettings, seed: number, shape: ModelShape = {}): DatasetResult {
  const checked = checkSettings(settings, seed);
  return checked.ok ? build(checked.data, seed, shape) : checked;
}

/** The settings with defaults filled in, or what is wrong with them and the seed. */
function checkSettings(settings: DatasetSettings, seed: number): DatasetResult<DatasetSettings> {
  const checked = DatasetSchema.safeParse(settings);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((issue): DatasetError => {
        const field = issue.path.map(String).join('.');
        return { field, message: `Dataset setting ${field || '(root)'}: ${issue.message}` };
      }),
    };
  }
  if (!Number.isFinite(seed)) return { ok: false, errors: [{ field: 'seed', message: `The seed must be a finite number, got ${seed}.` }] };
  return { ok: true, data: checked.data };
}

function build(s: DatasetSettings, seed: number, shape: ModelShape): DatasetResult {
  switch (s.kind) {
    case 'csv': {
      if (!s.csv) return { ok: false, errors: [{ field: 'csv', message: 'The dataset is a CSV file, but no file has been loaded.' }] };
      return parseCsv(s.csv.text, { labelColumn: s.csv.label_column, name: s.csv.name || 'csv', target: s.csv.target });
    }
    case 'random': {
      const features = shape.features;
      const classes = shape.classes ?? s.classes;
      if (features === undefined || !Number.isInteger(features) || features < 1) {
        return { ok: false, errors: [{ field: 'features', message: `A random dataset needs the model's input size (a whole number ≥ 1), got ${features}.` }] };
      }
      if (!Number.isInteger(classes) || classes < 2) {
        return { ok: false, errors: [{ field: 'classes', message: `A random dataset needs at least 2 classes, got ${classes}.` }] };
      }
      if (s.samples * features > MAX_RANDOM_VALUES) {
        return {
          ok: false,
          errors: [{ field: 'samples', message: `A random dataset of ${s.samples} samples × ${features} features is too large (at most ${MAX_RANDOM_VALUES} values).` }],
        };
      }
      return { ok: true, data: randomBatch(s.samples, features, classes, seed) };
    }
    case 'digits':
      return { ok: false, errors: [{ field: 'kind', message: 'The digits are fetched by the engine, not generated.' }] };
    default:
      return { ok: true, data: GENERATORS[s.kind]({ samples: s.samples, noise: s.noise, classes: s.classes }, seed) };
  }
}

/**
 * The seed of the train/test split, distinct from the generator's so that the two
 * streams are not the same sequence of draws.
 */
export function splitSeed(seed: number): number {
  return (Math.trunc(seed) ^ 0x5f3759df) >>> 0;
}

/** `generateDataset`, then the stratified split by the settings' `test_fraction`. */
export function prepareDataset(
  settings: DatasetSettings,
  seed: number,
  shape: ModelShape = {},
): { ok: true; data: Dataset; split: DatasetSplit } | { ok: false; errors: DatasetError[] } {
  const checked = checkSettings(settings, seed);
  if (!checked.ok) return checked;
  const result = build(checked.data, seed, shape);
  if (!result.ok) return result;
  return { ok: true, data: result.data, split: splitDataset(result.data, checked.data.test_fraction, splitSeed(seed)) };
}

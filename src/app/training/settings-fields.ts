import type { DatasetKind, OptimizerKind, TrainingSettings } from '../../model';

/**
 * The training settings as form fields: labels, units, ranges (those of the document
 * schema, so a value the form accepts is a value the document accepts), which fields apply
 * to which dataset and optimizer, and reading and writing one field of the settings.
 */

export type FieldKey =
  | 'samples'
  | 'noise'
  | 'classes'
  | 'test_percent'
  | 'lr'
  | 'momentum'
  | 'weight_decay'
  | 'decay'
  | 'beta1'
  | 'beta2'
  | 'eps'
  | 'batch_size'
  | 'epochs'
  | 'target_loss'
  | 'update_every'
  | 'tangents'
  | 'perturbations'
  | 'seed';

export interface FieldSpec {
  key: FieldKey;
  label: string;
  kind: 'integer' | 'number';
  min: number;
  max?: number;
  /** The bound itself is not allowed. */
  minExclusive?: boolean;
  hint: string;
}

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 2 ** 32 - 1;
/** Largest fraction held out for testing, in percent (the schema's 0.9). */
export const MAX_TEST_PERCENT = 90;
/** Largest value below 1 the schema allows for momentum, ρ and the betas. */
const BELOW_ONE = 0.999999;

export const FIELDS: Readonly<Record<FieldKey, FieldSpec>> = {
  samples: { key: 'samples', label: 'Samples', kind: 'integer', min: 1, max: 100_000, hint: 'Points generated, training and test together.' },
  noise: { key: 'noise', label: 'Noise', kind: 'number', min: 0, max: 10, hint: 'Spread of the points around their ideal position.' },
  classes: { key: 'classes', label: 'Classes', kind: 'integer', min: 2, max: 1000, hint: 'Arms of the spiral or blobs; the last Linear needs as many outputs.' },
  test_percent: { key: 'test_percent', label: 'Test split (%)', kind: 'number', min: 0, max: MAX_TEST_PERCENT, hint: 'Held out of training, per class, to measure generalisation.' },
  lr: { key: 'lr', label: 'Learning rate', kind: 'number', min: 0, hint: 'Step size of each update.' },
  momentum: { key: 'momentum', label: 'Momentum', kind: 'number', min: 0, max: BELOW_ONE, hint: 'Fraction of the previous update carried into the next, below 1.' },
  weight_decay: { key: 'weight_decay', label: 'Weight decay', kind: 'number', min: 0, hint: 'L2 penalty added to every gradient (0: none).' },
  decay: { key: 'decay', label: 'Decay ρ', kind: 'number', min: 0, max: BELOW_ONE, hint: "RMSProp's running average of squared gradients, below 1." },
  beta1: { key: 'beta1', label: 'β₁', kind: 'number', min: 0, max: BELOW_ONE, hint: "Adam's running average of gradients, below 1." },
  beta2: { key: 'beta2', label: 'β₂', kind: 'number', min: 0, max: BELOW_ONE, hint: "Adam's running average of squared gradients, below 1." },
  eps: { key: 'eps', label: 'ε', kind: 'number', min: 0, minExclusive: true, hint: 'Added to the denominator so it is never 0.' },
  batch_size: { key: 'batch_size', label: 'Batch size', kind: 'integer', min: 1, max: 100_000, hint: 'Samples per step.' },
  epochs: { key: 'epochs', label: 'Epochs', kind: 'integer', min: 1, max: 1_000_000, hint: 'Training stops after this many passes over the training set.' },
  target_loss: { key: 'target_loss', label: 'Target loss', kind: 'number', min: 0, hint: 'Training stops once the training loss reaches it (0: never).' },
  update_every: { key: 'update_every', label: 'Update every (steps)', kind: 'integer', min: 1, max: 10_000, hint: 'Steps between points on the curves and boundary redraws.' },
  tangents: { key: 'tangents', label: 'Directions per step', kind: 'integer', min: 1, max: 1000, hint: 'Random directions v averaged per step; each costs one forward-mode pass.' },
  perturbations: { key: 'perturbations', label: 'Perturbations per step', kind: 'integer', min: 1, max: 1000, hint: 'Random ±1 perturbations averaged per step; each costs two forward passes.' },
  seed: { key: 'seed', label: 'Seed', kind: 'integer', min: 0, max: MAX_SEED, hint: 'Seeds the data, the split, the batch order and the initial weights: the same seed trains the same curve.' },
};

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const grouped = (n: number): string => GROUPED.format(n);

/** The allowed range in words: "from 1 to 100,000", "greater than 0", "0 or more". */
export function rangeText(spec: FieldSpec): string {
  const whole = spec.kind === 'integer' ? 'a whole number ' : 'a number ';
  if (spec.max !== undefined) return `${whole}from ${grouped(spec.min)} to ${grouped(spec.max)}`;
  if (spec.minExclusive) return `${whole}greater than ${grouped(spec.min)}`;
  return `${whole}of ${grouped(spec.min)} or more`;
}

/** The number typed into a field, or why it is not acceptable (in words, naming the field). */
export function parseField(spec: FieldSpec, text: string): { value: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: `${spec.label} is required` };
  // Number('') and Number(' ') are 0 and Number('0x10') is 16; only decimal notation is a number here.
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(value)) return { error: `${spec.label} must be a number, got “${t}”` };
  const low = spec.minExclusive ? value <= spec.min : value < spec.min;
  const high = spec.max !== undefined && value > spec.max;
  if (spec.kind === 'integer' && !Number.isInteger(value)) return { error: `${spec.label} must be ${rangeText(spec)}, got ${t}` };
  if (low || high) return { error: `${spec.label} must be ${rangeText(spec)}, got ${t}` };
  return { value };
}

/** The reason `text` cannot be committed to `spec`, or null. */
export function fieldError(spec: FieldSpec, text: string): string | null {
  const r = parseField(spec, text);
  return 'error' in r ? r.error : null;
}

/** A setting as the field shows it (the test fraction in percent, without float noise). */
export function fieldText(training: TrainingSettings, seed: number, key: FieldKey): string {
  return String(readField(training, seed, key));
}

/** Reads one field's value from the settings (and the document's seed). */
export function readField(training: TrainingSettings, seed: number, key: FieldKey): number {
  const { dataset: d, optimizer: o } = training;
  switch (key) {
    case 'samples':
    case 'noise':
    case 'classes':
      return d[key];
    case 'test_percent':
      return Number((d.test_fraction * 100).toPrecision(12));
    case 'lr':
    case 'momentum':
    case 'weight_decay':
    case 'decay':
    case 'beta1':
    case 'beta2':
    case 'eps':
      return o[key];
    case 'batch_size':
    case 'epochs':
    case 'target_loss':
    case 'update_every':
      return training[key];
    case 'tangents':
      return training.estimator.tangents;
    case 'perturbations':
      return training.estimator.samples;
    case 'seed':
      return seed;
  }
}

/**
 * The settings with one field set (a new object, sharing what did not change), or the same
 * object when the value is already there. The seed lives outside the settings: use the
 * editor's setSeed for it.
 */
export function writeField(training: TrainingSettings, key: Exclude<FieldKey, 'seed'>, value: number): TrainingSettings {
  const { dataset: d, optimizer: o } = training;
  switch (key) {
    case 'samples':
    case 'noise':
    case 'classes':
      return d[key] === value ? training : { ...training, dataset: { ...d, [key]: value } };
    case 'test_percent': {
      const f = Number((value / 100).toPrecision(12));
      return d.test_fraction === f ? training : { ...training, dataset: { ...d, test_fraction: f } };
    }
    case 'lr':
    case 'momentum':
    case 'weight_decay':
    case 'decay':
    case 'beta1':
    case 'beta2':
    case 'eps':
      return o[key] === value ? training : { ...training, optimizer: { ...o, [key]: value } };
    case 'batch_size':
    case 'epochs':
    case 'target_loss':
    case 'update_every':
      return training[key] === value ? training : { ...training, [key]: value };
    case 'tangents':
      return training.estimator.tangents === value ? training : { ...training, estimator: { ...training.estimator, tangents: value } };
    case 'perturbations':
      return training.estimator.samples === value ? training : { ...training, estimator: { ...training.estimator, samples: value } };
  }
}

export interface DatasetChoice {
  kind: DatasetKind;
  label: string;
  /** Fields of the dataset section that apply to this kind. */
  fields: readonly FieldKey[];
  description: string;
  /** Input features of a built-in dataset (choosing it makes the Input take them); none for data sized by the model or a file. */
  features?: number;
  /** Numbers to fit per sample rather than classes (the loss should be MSE). */
  regression?: boolean;
}

/** The dataset menu, in order. */
export const DATASETS: readonly DatasetChoice[] = [
  { kind: 'spiral', label: 'Spiral', fields: ['samples', 'noise', 'classes'], description: 'Interleaved arms, one per class: needs a non-linear boundary.', features: 2 },
  { kind: 'circles', label: 'Circles', fields: ['samples', 'noise'], description: 'A disc inside a ring: 2 classes.', features: 2 },
  { kind: 'xor', label: 'XOR', fields: ['samples', 'noise'], description: 'Opposite quadrants share a class: 2 classes.', features: 2 },
  { kind: 'blobs', label: 'Gaussian blobs', fields: ['samples', 'noise', 'classes'], description: 'One round cluster per class.', features: 2 },
  { kind: 'moons', label: 'Moons', fields: ['samples', 'noise'], description: 'Two interlocking half circles: 2 classes.', features: 2 },
  { kind: 'sine', label: 'Noisy sine (regression)', fields: ['samples', 'noise'], description: 'y = sin(x) plus noise, x in [−π, π]: 1 input, 1 number to fit (MSE loss).', features: 1, regression: true },
  { kind: 'surface', label: 'Surface (regression)', fields: ['samples', 'noise'], description: 'y = sin(1.5·x₁)·cos(x₂) plus noise: 2 inputs, 1 number to fit (MSE loss).', features: 2, regression: true },
  { kind: 'random', label: 'Random batch (homework)', fields: ['samples'], description: "Normal features and uniform labels, sized by the model's Input and last layer, as in the homework." },
  { kind: 'digits', label: 'Handwritten digits (MNIST)', fields: ['samples'], description: '10,000 digits of 28×28 pixels (784 features), 10 classes; a fixed split of 8,000 training and 2,000 test digits. Fewer samples take a quicker subset.', features: 784 },
  { kind: 'csv', label: 'Your own CSV…', fields: [], description: 'Numeric feature columns and a label column, with a header row.' },
];

export function datasetChoice(kind: DatasetKind): DatasetChoice {
  return DATASETS.find((d) => d.kind === kind)!;
}

/** Built-in 2-D datasets. */
export function isPlaneDataset(kind: DatasetKind): boolean {
  return datasetChoice(kind).features === 2;
}

export interface OptimizerChoice {
  kind: OptimizerKind;
  label: string;
  fields: readonly FieldKey[];
  /** Fields under the "Advanced" disclosure. */
  advanced: readonly FieldKey[];
}

export const OPTIMIZERS: readonly OptimizerChoice[] = [
  { kind: 'sgd', label: 'SGD', fields: ['lr', 'weight_decay'], advanced: [] },
  { kind: 'momentum', label: 'Momentum', fields: ['lr', 'momentum', 'weight_decay'], advanced: [] },
  { kind: 'rmsprop', label: 'RMSProp', fields: ['lr', 'weight_decay'], advanced: ['decay', 'eps'] },
  { kind: 'adam', label: 'Adam', fields: ['lr', 'weight_decay'], advanced: ['beta1', 'beta2', 'eps'] },
];

export function optimizerChoice(kind: OptimizerKind): OptimizerChoice {
  return OPTIMIZERS.find((o) => o.kind === kind)!;
}

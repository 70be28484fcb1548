import type { Dataset } from './types';

/**
 * Samples per class when `samples` are split evenly over `classes`: the first
 * `samples mod classes` classes get one more, so the counts are deterministic.
 */
export function classCounts(samples: number, classes: number): number[] {
  const base = Math.floor(samples / classes);
  const extra = samples % classes;
  return Array.from({ length: classes }, (_, k) => base + (k < extra ? 1 : 0));
}

/** Feature names x1, x2, … (as the input units are labelled in the editor). */
export function defaultFeatureNames(features: number): string[] {
  return Array.from({ length: features }, (_, j) => `x${j + 1}`);
}

/** A zero-filled dataset of n samples, to be written by a generator. */
export function allocateDataset(name: string, n: number, features: number, classes: number): Dataset {
  return {
    name,
    features,
    classes,
    x: new Float32Array(n * features),
    y: new Int32Array(n),
    featureNames: defaultFeatureNames(features),
  };
}

/** Whether the data is for regression: numbers to fit rather than classes to tell apart. */
export function isRegression(data: Dataset): data is Dataset & { targets: Float32Array } {
  return data.targets !== undefined;
}

/** What the loss compares the outputs with: the targets (regression data) or the class labels. */
export function targetsOf(data: Dataset): Float32Array | Int32Array {
  return data.targets ?? data.y;
}

/** A zero-filled regression dataset of n samples with one target each, to be written by a generator. */
export function allocateRegression(name: string, n: number, features: number): Dataset & { targets: Float32Array } {
  return { ...allocateDataset(name, n, features, 0), targets: new Float32Array(n), targetName: 'y' };
}

/** Number of samples in a dataset. */
export function sampleCount(data: Dataset): number {
  return data.y.length;
}

/** A copy of the rows `indices` (in that order), keeping names, class count and targets. */
export function subset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const f = data.features;
  const x = new Float32Array(indices.length * f);
  const y = new Int32Array(indices.length);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    x.set(data.x.subarray(i * f, i * f + f), r * f);
    y[r] = data.y[i];
  }
  const out: Dataset = { name: data.name, features: f, classes: data.classes, x, y, featureNames: data.featureNames.slice() };
  if (data.classNames) out.classNames = data.classNames.slice();
  if (data.targets) {
    const t = data.targets;
    out.targets = Float32Array.from(indices, (i) => t[i]);
    out.targetName = data.targetName;
  }
  return out;
}

/** Argument checks shared by the generators; their callers pass validated settings, so a failure is a bug. */
export function checkGeneratorArgs(name: string, samples: number, noise: number, classes: number): void {
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`${name}: samples must be a whole number ≥ 0, got ${samples}`);
  if (!Number.isFinite(noise) || noise < 0) throw new RangeError(`${name}: noise must be a finite number ≥ 0, got ${noise}`);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`${name}: classes must be a whole number ≥ 1, got ${classes}`);
}

/** Options every 2-D generator takes; `classes` only matters for spiral and blobs. */
export interface GeneratorOptions {
  samples: number;
  noise: number;
  classes?: number;
}

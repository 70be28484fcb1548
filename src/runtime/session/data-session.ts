import type { Tensor } from '../../engine';
import type { Diagnostic, ModelDocument, Plan } from '../../model';
import { dataBounds, isRegression, prepareDataset, type Bounds, type Dataset, type DatasetError, type DatasetSplit, type Targets } from '../datasets';
import type { DatasetInfo, DatasetPoints } from '../protocol';
import { gather } from '../trainer';
import { DigitsProvider } from '../digits-data';

export interface PreparedData {
  key: string;
  dataset: Dataset;
  split: DatasetSplit;
  bounds: Bounds;
}

export interface Batch {
  x: Tensor;
  /** Class labels, or regression targets. */
  y: Targets;
}

/**
 * The data side of a loaded document: the dataset its settings describe (rebuilt only when
 * the settings, the seed or — for a random batch — the model's shape change), where data
 * and model disagree, and the batch the passes run on.
 */
export class DataSession {
  data: PreparedData | null = null;
  errors: DatasetError[] = [];
  diagnostics: Diagnostic[] = [];
  batch: Batch | null = null;
  /** The data are on their way (the digits being fetched): the service's awaitData() ends the wait. */
  pending = false;

  constructor(readonly digits: DigitsProvider = new DigitsProvider()) {}

  /**
   * Brings the data up to date with a document and its compiled chain (null while the graph
   * has errors). `retry`: a failed fetch of the digits is tried again (a new load), or reported (the end of a wait).
   */
  prepare(doc: ModelDocument | null, plan: Plan | null, retry = true): void {
    this.diagnostics = [];
    this.pending = false;
    if (!doc?.training || !plan) {
      this.data = null;
      this.errors = [];
      this.batch = null;
      return;
    }
    const settings = doc.training.dataset;
    const shape = { features: plan.inputFeatures, classes: plan.outputFeatures };
    const key = JSON.stringify([settings, doc.seed, settings.kind === 'random' ? shape : null]);
    if (this.data?.key !== key) {
      const r = settings.kind === 'digits' ? this.digits.prepare(settings.samples, retry) : prepareDataset(settings, doc.seed, shape);
      this.pending = !r.ok && (r as { pending?: boolean }).pending === true;
      if (r.ok) {
        this.data = { key, dataset: r.data, split: r.split, bounds: dataBounds(r.data) };
        this.errors = [];
      } else {
        this.data = null;
        this.errors = r.errors;
      }
    }
    const data = this.data;
    if (!data) {
      this.batch = null;
      return;
    }
    this.diagnostics = fitDiagnostics(data.dataset, plan);
    if (this.diagnostics.length) {
      this.batch = null;
      return;
    }
    const train = data.split.train;
    const n = Math.min(doc.training.batch_size, train.y.length);
    this.batch = gather(train, Int32Array.from({ length: n }, (_, i) => i), 0, n);
  }

  /** Whether data and model fit each other (the dataset built and nothing is pinned as an error). */
  get fits(): boolean {
    return this.errors.length === 0 && this.diagnostics.every((d) => d.severity !== 'error');
  }

  /** The first reason there is nothing to run on. */
  whyNoData(): string {
    return this.errors[0]?.message ?? this.diagnostics[0]?.message ?? 'the document has no training settings';
  }

  info(): DatasetInfo | null {
    if (!this.data) return null;
    const { dataset: d, split, bounds } = this.data;
    return {
      name: d.name,
      samples: d.y.length,
      train: split.train.y.length,
      test: split.test.y.length,
      features: d.features,
      classes: d.classes,
      classNames: d.classNames,
      featureNames: d.featureNames,
      bounds,
      ...(isRegression(d) ? { targetName: d.targetName ?? 'y', targetRange: range(d.targets) } : {}),
    };
  }

  /** Every sample, training ones first, for the data views. */
  points(): DatasetPoints | null {
    if (!this.data) return null;
    const { split, bounds, dataset } = this.data;
    const f = dataset.features;
    const nTrain = split.train.y.length;
    const n = nTrain + split.test.y.length;
    const x = new Float32Array(n * f);
    x.set(split.train.x);
    x.set(split.test.x, nTrain * f);
    const y = new Int32Array(n);
    y.set(split.train.y);
    y.set(split.test.y, nTrain);
    const isTest = new Uint8Array(n);
    isTest.fill(1, nTrain);
    const points: DatasetPoints = { features: f, classes: dataset.classes, x, y, isTest, bounds, classNames: dataset.classNames };
    if (split.train.targets && split.test.targets) {
      points.targets = new Float32Array(n);
      points.targets.set(split.train.targets);
      points.targets.set(split.test.targets, nTrain);
    }
    return points;
  }
}

/** Smallest and largest of the targets ([0, 0] for none). */
function range(t: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < t.length; i++) {
    if (t[i] < lo) lo = t[i];
    if (t[i] > hi) hi = t[i];
  }
  return t.length ? [lo, hi] : [0, 0];
}

/** Where the dataset and the compiled chain disagree, pinned to the Input or the loss. */
function fitDiagnostics(ds: Dataset, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const regression = isRegression(ds);
  if (plan.task === 'regression' && !regression) {
    out.push({
      severity: 'error',
      nodeId: plan.lossNodeId!,
      message: `The MSE loss compares the outputs with numeric targets, but the dataset '${ds.name}' has class labels. Use a Cross-entropy loss for it, or regression data.`,
    });
  }
  if (plan.task === 'classification' && regression) {
    out.push({
      severity: 'error',
      nodeId: plan.lossNodeId!,
      message: `The dataset '${ds.name}' has numbers to fit (regression), but ${plan.layers[plan.layers.length - 1].title} compares the outputs with class labels. Use an MSE loss for it.`,
    });
  }
  if (plan.task === 'regression' && regression && plan.outputFeatures !== 1) {
    out.push({
      severity: 'error',
      nodeId: plan.lossNodeId!,
      message: `The dataset '${ds.name}' has 1 number to fit per sample, but the network gives ${plan.outputFeatures} outputs per sample: the MSE loss needs 1.`,
    });
  }
  if (ds.features !== plan.inputFeatures) {
    out.push({
      severity: 'error',
      nodeId: plan.inputNodeId,
      field: 'features',
      message: `The dataset '${ds.name}' has ${ds.features} features per sample, but the Input takes ${plan.inputFeatures}.`,
    });
  }
  if (plan.task === 'classification' && ds.classes > plan.outputFeatures) {
    out.push({
      severity: 'error',
      nodeId: plan.lossNodeId!,
      message: `The dataset '${ds.name}' has ${ds.classes} classes, but the network gives ${plan.outputFeatures} scores per sample.`,
    });
  }
  return out;
}

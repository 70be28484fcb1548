import { compileGraph, defaultTraining, exportTrainingScript, zipFiles, type ModelDocument, type TrainingScriptData, type ZipEntry } from '../model';
import { isRegression, prepareDataset, type Dataset, type DatasetSplit } from './datasets';
import { DIGIT_PIXELS, DIGIT_SIDE, digitsDataset, encodeDigits, splitDigits, type DigitsSource } from './datasets/digits';

/** Most values (samples × features) the data files may hold: 2²² float32s (a CSV of some 50 MB). */
export const MAX_EXPORT_VALUES = 2 ** 22;

export interface TrainingExportOptions {
  /** The weights the script starts from: the ones a fresh run starts from (the document's seed), or the document's stored (trained) ones. */
  weights: 'initial' | 'current';
  /** The 10,000 digits (the app's digits asset as a dataset), for a document that trains on them. */
  digits?: Dataset;
  /** The folder the files sit in (default `training`). */
  folder?: string;
}

export type TrainingExport = { ok: true; folder: string; files: ZipEntry[] } | { ok: false; reason: string };

/**
 * The files of a PyTorch training script for a document: `<folder>/train.py` and its data,
 * the document's exact training and test samples (the app's split): `data/train.csv` and
 * `data/test.csv`, or for the digits `data/digits-train.bin` and `data/digits-test.bin` in
 * the app's digits format. Everything a run needs is written out, nothing regenerated,
 * so the script trains on the very values the app trains on.
 */
export function trainingExportFiles(doc: ModelDocument, options: TrainingExportOptions): TrainingExport {
  const custom = doc.nodes.find((n) => n.type === 'Custom');
  if (custom) return { ok: false, reason: `${custom.id} is a Custom layer, whose code cannot be translated to PyTorch; a training script needs every layer in PyTorch (Export → PyTorch writes the network with a stub to fill in).` };
  const source = options.weights === 'initial' ? { ...doc, weights: undefined } : doc;
  const compiled = compileGraph(source);
  if (!compiled.ok) {
    const first = compiled.diagnostics.find((d) => d.severity === 'error');
    return { ok: false, reason: `The graph cannot be compiled yet${first ? `: ${first.message}` : '.'} See the Messages tab.` };
  }
  if (!compiled.plan.lossNodeId) return { ok: false, reason: 'Training needs a loss as the last node; add one to export a training script.' };
  const training = doc.training ?? defaultTraining();
  const settings = training.dataset;
  let split: DatasetSplit;
  if (settings.kind === 'digits') {
    if (!options.digits) return { ok: false, reason: 'The digits have not been loaded.' };
    split = splitDigits(options.digits, settings.samples);
  } else {
    const prepared = prepareDataset(settings, doc.seed, { features: compiled.plan.inputFeatures, classes: compiled.plan.outputFeatures });
    if (!prepared.ok) return { ok: false, reason: prepared.errors.map((e) => e.message).join(' ') };
    split = prepared.split;
  }
  const { train, test } = split;
  if (train.features !== compiled.plan.inputFeatures) {
    return { ok: false, reason: `The data have ${train.features} features per sample, but the model's input takes ${compiled.plan.inputFeatures}; make them fit first (see Messages).` };
  }
  const values = (train.y.length + test.y.length) * (train.features + 1);
  if (settings.kind !== 'digits' && values > MAX_EXPORT_VALUES) {
    return { ok: false, reason: `The data are too large to write beside the script (${values.toLocaleString('en-US')} values; at most ${MAX_EXPORT_VALUES.toLocaleString('en-US')}).` };
  }
  const digits = settings.kind === 'digits';
  const data: TrainingScriptData = {
    format: digits ? 'digits' : 'csv',
    trainFile: digits ? 'data/digits-train.bin' : 'data/train.csv',
    testFile: digits ? 'data/digits-test.bin' : 'data/test.csv',
    trainSamples: train.y.length,
    testSamples: test.y.length,
    description: describeData(doc, train),
    ...(isRegression(train) ? {} : { classNames: train.classNames ?? Array.from({ length: train.classes }, (_, k) => String(k)) }),
  };
  try {
    const script = exportTrainingScript(compiled.model, {
      name: doc.name,
      inputFeatures: compiled.plan.inputFeatures,
      layerNames: compiled.plan.layers.map((l) => l.nodeId),
      weights: options.weights,
      training,
      seed: doc.seed,
      data,
    });
    const folder = options.folder ?? 'training';
    const files: ZipEntry[] = [
      { name: `${folder}/train.py`, data: script },
      { name: `${folder}/${data.trainFile}`, data: digits ? digitsBytes(train) : csvText(train) },
      { name: `${folder}/${data.testFile}`, data: digits ? digitsBytes(test) : csvText(test) },
    ];
    return { ok: true, folder, files };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** The digits as the app trains on them, read through a source (the page fetches the same file the worker does). */
export async function loadDigitsDataset(source: DigitsSource): Promise<Dataset> {
  return digitsDataset(await source.load());
}

/** The same, as one ZIP archive (deflated where the platform can). */
export async function trainingExportZip(doc: ModelDocument, options: TrainingExportOptions): Promise<{ ok: true; folder: string; zip: Uint8Array } | { ok: false; reason: string }> {
  const r = trainingExportFiles(doc, options);
  if (!r.ok) return r;
  return { ok: true, folder: r.folder, zip: await zipFiles(r.files) };
}

function describeData(doc: ModelDocument, train: Dataset): string {
  const s = (doc.training ?? defaultTraining()).dataset;
  switch (s.kind) {
    case 'digits':
      return `handwritten digits (MNIST, ${DIGIT_SIDE}x${DIGIT_SIDE}), the app's fixed split`;
    case 'csv':
      return `the CSV file ${s.csv?.name ?? ''} (${train.features} feature columns)`;
    case 'random':
      return `the homework's random batch (${s.samples} samples, seed ${doc.seed})`;
    case 'sine':
    case 'surface':
      return `${s.kind} (${s.samples} samples, noise ${s.noise}, seed ${doc.seed})`;
    default:
      return `${s.kind} (${s.samples} samples, noise ${s.noise}${s.kind === 'spiral' || s.kind === 'blobs' ? `, ${s.classes} classes` : ''}, seed ${doc.seed})`;
  }
}

/** A CSV field, quoted when it holds a comma, quote or line break. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per sample: the features, then the class index or the target. Each float32 in
 * JavaScript's shortest round-trip form, which Python's float() reads back exactly.
 */
export function csvText(d: Dataset): string {
  const f = d.features;
  const header = [...d.featureNames, isRegression(d) ? (d.targetName ?? 'target') : 'class'].map(csvField).join(',');
  const rows = new Array<string>(d.y.length + 1);
  rows[0] = header;
  const row = new Array<string>(f + 1);
  for (let i = 0; i < d.y.length; i++) {
    for (let j = 0; j < f; j++) row[j] = String(d.x[i * f + j]);
    row[f] = String(d.targets ? d.targets[i] : d.y[i]);
    rows[i + 1] = row.join(',');
  }
  return rows.join('\n') + '\n';
}

/** Digits back as the app's asset bytes: pixel = round(x · 255), exact for x = pixel / 255. */
function digitsBytes(d: Dataset): Uint8Array {
  if (d.features !== DIGIT_PIXELS) throw new Error(`digits export: expected ${DIGIT_PIXELS} features, got ${d.features}`);
  const pixels = new Uint8Array(d.x.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(d.x[i] * 255);
  return encodeDigits(Uint8Array.from(d.y), pixels);
}

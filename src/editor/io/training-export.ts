import type { ModelDocument } from '../../model';
import { createDigitsSource, DIGITS_PATH, loadDigitsDataset, trainingExportZip } from '../../runtime';
import { downloadFile, fileStem } from './download';

/** Where a training script's weights come from: what Train starts from, or the document's trained ones. */
export type TrainingWeights = 'initial' | 'current';

/** The name of the training script's download. */
export function trainingZipName(name: string): string {
  return `${fileStem(name)}-training.zip`;
}

/**
 * Downloads the PyTorch training script with its data as one .zip (a folder holding
 * train.py and data/). For the digits, the page fetches the digits file first (from the
 * browser's cache once the engine has). Loaded on demand: it pulls in the engine and the datasets.
 */
export async function exportTrainingScriptZip(doc: ModelDocument, weights: TrainingWeights): Promise<{ ok: true; fileName: string } | { ok: false; reason: string }> {
  const digits =
    doc.training?.dataset.kind === 'digits'
      ? await loadDigitsDataset(createDigitsSource((url) => fetch(url), new URL(import.meta.env.BASE_URL + DIGITS_PATH, location.href).href))
      : undefined;
  const out = await trainingExportZip(doc, { weights, digits, folder: `${fileStem(doc.name)}-training` });
  if (!out.ok) return out;
  const fileName = trainingZipName(doc.name);
  downloadFile(fileName, out.zip as BlobPart, 'application/zip');
  return { ok: true, fileName };
}

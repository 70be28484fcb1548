/** Test-only: an example document compiled, with its data, ready to train. */
import { readFileSync } from 'node:fs';
import type { Sequential } from '../../engine';
import { compileGraph, parseModelDocument, type ModelDocument, type Plan, type TrainingSettings } from '../../model';
import { prepareDataset, type DatasetSplit } from '../datasets';

export interface Setup {
  doc: ModelDocument;
  model: Sequential;
  plan: Plan;
  split: DatasetSplit;
  settings: TrainingSettings;
}

export function exampleSetup(file: string, edit?: (d: ModelDocument) => void): Setup {
  const parsed = parseModelDocument(readFileSync(new URL(`../../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.errors)}`);
  const doc = parsed.doc;
  edit?.(doc);
  const c = compileGraph(doc);
  if (!c.ok) throw new Error(`${file} does not compile`);
  const data = prepareDataset(doc.training!.dataset, doc.seed, { features: c.plan.inputFeatures, classes: c.plan.outputFeatures });
  if (!data.ok) throw new Error(`${file}: no data`);
  return { doc, model: c.model, plan: c.plan, split: data.split, settings: doc.training! };
}

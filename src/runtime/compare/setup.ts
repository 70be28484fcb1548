import { compileGraph, type CodeLayerFactory, type ModelDocument } from '../../model';
import type { DatasetSplit } from '../datasets';
import { shuffledBatches } from './batches';
import type { CompareSetup } from './comparison';

/**
 * A comparison of a document: the model at the initial weights its seed draws (stored or
 * trained weights play no part, so every comparison of a document starts at the same place),
 * its optimizer settings, and its training set in batches of its batch size. A Custom layer
 * is built with `codeLayer`, the factory the engine's last load used (one that refuses code the
 * user has not chosen to run); the estimators take its JVP from its code, or derive it numerically.
 */
export function comparisonSetup(doc: ModelDocument, split: DatasetSplit, codeLayer?: CodeLayerFactory): CompareSetup {
  const training = doc.training;
  if (!training) throw new Error('Comparing needs training settings: the document has none.');
  // Custom layers build as the engine's load built them: their code runs only when the user chose to run it.
  const compiled = compileGraph({ ...doc, weights: undefined }, undefined, { codeLayer });
  if (!compiled.ok) {
    const first = compiled.diagnostics.find((d) => d.severity === 'error');
    throw new Error(first ? `Cannot compare: ${first.message}` : 'The graph has errors; fix the problems listed under Messages first.');
  }
  if (!compiled.plan.lossNodeId) throw new Error('Comparing needs a loss as the last node.');
  return {
    initial: compiled.model,
    optimizer: training.optimizer,
    batches: () => shuffledBatches(split.train, training.batch_size, doc.seed),
    seed: doc.seed,
  };
}

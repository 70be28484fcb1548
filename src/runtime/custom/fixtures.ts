/** Test-only: a spiral classifier with a Custom layer in it. */
import { buildMlpGraph, CODE_TEMPLATES, defaultTraining, type ModelDocument } from '../../model';

export const code = (id: string) => CODE_TEMPLATES.find((t) => t.id === id)!.code;

/** Input(2) → Linear(16) → Custom → Linear(3) → cross-entropy on the spiral, the ReLU replaced by code. */
export function customDoc(source = code('silu'), params: Record<string, number> = {}): ModelDocument {
  const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [16], activation: 'relu' });
  const relu = nodes.find((n) => n.type === 'ReLU')!;
  Object.assign(relu, { type: 'Custom', id: relu.id, params, code: source });
  const training = defaultTraining();
  Object.assign(training.dataset, { kind: 'spiral', samples: 300, classes: 3, noise: 0.1, test_fraction: 0.2 });
  Object.assign(training, { batch_size: 32, epochs: 60, update_every: 20 });
  return { format: 'backprop-studio/model', version: 2, name: 'custom', seed: 5, nodes, edges, training };
}


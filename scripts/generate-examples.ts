/**
 * Writes the built-in examples to public/examples/ (run: npx tsx scripts/generate-examples.ts).
 * Each is architecture plus training settings; weights initialise from the seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildMlpGraph, type MlpSpec } from '../src/model/build-mlp';
import { CURRENT_VERSION, defaultTraining, type ModelDocument, type TrainingSettings } from '../src/model/schema';
import { lessonExamples } from './lessons';

interface Example {
  file: string;
  name: string;
  description: string;
  mlp: MlpSpec;
  /** Initial weight std of every Linear (default: the layer's 0.1). */
  wstd?: number;
  seed?: number;
  training: (t: TrainingSettings) => void;
}

const examples: Example[] = [
  {
    file: 'spiral.json',
    name: 'Spiral classifier',
    description: 'A 2-D, 3-class spiral learned by a small ReLU network: watch the decision boundary wind itself up.',
    mlp: { inFeatures: 2, numClasses: 3, hiddenFeatures: [32, 32], activation: 'relu' },
    training: (t) => {
      Object.assign(t.dataset, { kind: 'spiral', samples: 450, noise: 0.15, classes: 3, test_fraction: 0.2 });
      Object.assign(t.optimizer, { kind: 'adam', lr: 0.01 });
      Object.assign(t, { batch_size: 32, epochs: 300, update_every: 10 });
    },
  },
  {
    file: 'homework-mlp.json',
    name: "The homework's MLP",
    description: 'MLP(10, 10, [100, 50, 100]) with ReLU and cross-entropy, on a random batch of 100 samples, as in the backprop homework.',
    mlp: { inFeatures: 10, numClasses: 10, hiddenFeatures: [100, 50, 100], activation: 'relu' },
    training: (t) => {
      Object.assign(t.dataset, { kind: 'random', samples: 100, classes: 10, test_fraction: 0 });
      Object.assign(t.optimizer, { kind: 'momentum', lr: 0.05, momentum: 0.9 });
      Object.assign(t, { batch_size: 100, epochs: 200 });
    },
  },
  {
    file: 'deep-sigmoid.json',
    name: 'Deep sigmoid network (vanishing gradients)',
    description: 'Eight sigmoid layers: the gradient shrinks by up to 4× per layer on its way back, so the first layers barely learn.',
    mlp: { inFeatures: 2, numClasses: 2, hiddenFeatures: [16, 16, 16, 16, 16, 16, 16, 16], activation: 'sigmoid' },
    training: (t) => {
      Object.assign(t.dataset, { kind: 'circles', samples: 400, noise: 0.1, classes: 2 });
      Object.assign(t.optimizer, { kind: 'sgd', lr: 0.5 });
      Object.assign(t, { batch_size: 32, epochs: 300 });
    },
  },
  {
    file: 'deep-relu.json',
    name: 'Deep ReLU network',
    description: 'The same depth as the sigmoid network, with ReLU and He initialisation (std √(2/16) ≈ 0.35): the gradient norms hold up layer by layer, and it learns.',
    mlp: { inFeatures: 2, numClasses: 2, hiddenFeatures: [16, 16, 16, 16, 16, 16, 16, 16], activation: 'relu' },
    wstd: 0.35,
    training: (t) => {
      Object.assign(t.dataset, { kind: 'circles', samples: 400, noise: 0.1, classes: 2 });
      Object.assign(t.optimizer, { kind: 'sgd', lr: 0.1 });
      Object.assign(t, { batch_size: 32, epochs: 300 });
    },
  },
  {
    file: 'dropout-mlp.json',
    name: 'MLP with dropout',
    description: 'Two ReLU layers with dropout 0.3 on the moons: masks change every step while training, and vanish when evaluating.',
    mlp: { inFeatures: 2, numClasses: 2, hiddenFeatures: [64, 64], activation: 'relu', dropout: 0.3 },
    training: (t) => {
      Object.assign(t.dataset, { kind: 'moons', samples: 400, noise: 0.15, classes: 2 });
      Object.assign(t.optimizer, { kind: 'adam', lr: 0.01 });
      Object.assign(t, { batch_size: 32, epochs: 200 });
    },
  },
  {
    file: 'digits.json',
    name: 'Digits: 784 → 128 → 10',
    description: 'Handwritten digits (MNIST, 28×28): 8,000 to train on, 2,000 to test. One hidden ReLU layer of 128 units and Adam pass 95% on the test digits in about 8 epochs; watch the first layer\'s weights turn into strokes.',
    mlp: { inFeatures: 784, numClasses: 10, hiddenFeatures: [128], activation: 'relu' },
    wstd: 0.05,
    training: (t) => {
      Object.assign(t.dataset, { kind: 'digits', samples: 10_000, classes: 10, test_fraction: 0.2 });
      Object.assign(t.optimizer, { kind: 'adam', lr: 0.002 });
      Object.assign(t, { batch_size: 64, epochs: 15, update_every: 25 });
    },
  },
  {
    file: 'sine-regression.json',
    name: 'Noisy sine (regression)',
    description: 'A TanH network fits a curve: one input, one output, mean squared error. Watch the prediction bend onto the sine, and R² climb towards the limit the noise sets.',
    mlp: { inFeatures: 1, numClasses: 1, hiddenFeatures: [32, 32], activation: 'tanh', loss: 'MSELoss' },
    training: (t) => {
      Object.assign(t.dataset, { kind: 'sine', samples: 300, noise: 0.1, test_fraction: 0.2 });
      Object.assign(t.optimizer, { kind: 'adam', lr: 0.01 });
      Object.assign(t, { batch_size: 32, epochs: 150, update_every: 10 });
    },
  },
  {
    file: 'question-1.json',
    name: "Question 1's Linear layer",
    description: 'Linear(1024 → 512) on a batch of 64: its Jacobian dY/dX has 2,147,483,648 entries, 1/64 of them non-zero. See it without materialising it.',
    mlp: { inFeatures: 1024, numClasses: 512, hiddenFeatures: [], activation: 'relu' },
    training: (t) => {
      Object.assign(t.dataset, { kind: 'random', samples: 64, classes: 512, test_fraction: 0 });
      Object.assign(t.optimizer, { kind: 'sgd', lr: 0.1 });
      Object.assign(t, { batch_size: 64, epochs: 50 });
    },
  },
];

const DEFAULT = 'spiral.json';
const dir = new URL('../public/examples/', import.meta.url);
mkdirSync(dir, { recursive: true });
const docs = new Map<string, ModelDocument>();
for (const ex of examples) {
  const training = defaultTraining();
  ex.training(training);
  const { nodes, edges } = buildMlpGraph(ex.mlp);
  if (ex.wstd !== undefined) for (const n of nodes) if (n.type === 'Linear') (n.params as Record<string, number>).wstd = ex.wstd;
  const doc: ModelDocument = { format: 'backprop-studio/model', version: CURRENT_VERSION, name: ex.name, seed: ex.seed ?? 42, nodes, edges, training };
  docs.set(ex.file, doc);
  writeFileSync(new URL(ex.file, dir), JSON.stringify(doc, null, 2) + '\n');
}
// A lesson is its base example's document with the lesson in it (and its own name).
for (const ex of lessonExamples) {
  const base = docs.get(ex.base);
  if (!base) throw new Error(`lesson ${ex.file}: no example ${ex.base}`);
  writeFileSync(new URL(ex.file, dir), JSON.stringify({ ...base, name: ex.name, lesson: ex.lesson }, null, 2) + '\n');
}
const index = {
  default: DEFAULT,
  examples: [
    ...examples.map(({ file, name, description }) => ({ file, name, description })),
    ...lessonExamples.map(({ file, name, description }) => ({ file, name, description, lesson: true })),
  ],
};
writeFileSync(new URL('index.json', dir), JSON.stringify(index, null, 2) + '\n');
console.log(`wrote ${examples.length} examples and ${lessonExamples.length} lessons to public/examples/`);

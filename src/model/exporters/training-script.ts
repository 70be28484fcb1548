import type { Sequential } from '../../engine';
import type { OptimizerSettings, TrainingSettings } from '../schema';
import { planExport, type ExportOptions, type ExportPlan } from './plan';
import { buildModel, weightsSection } from './pytorch';
import { docText, pyFloat, pyString } from './python-text';
import { TRAINING_LOOP_PY } from './training-loop';

/** The data files the script reads, written beside it (see trainingDataFiles in the runtime). */
export interface TrainingScriptData {
  /** `csv`: a header, then features and class index (or target) per row; `digits`: the app's BPDIGIT1 bytes. */
  format: 'csv' | 'digits';
  /** Paths relative to the script. */
  trainFile: string;
  testFile: string;
  trainSamples: number;
  testSamples: number;
  /** Where the data come from, in a few words: `spiral: 450 samples, noise 0.15, 3 classes`. */
  description: string;
  /** Classification: the classes' names, by index. */
  classNames?: readonly string[];
}

export interface TrainingScriptOptions extends Omit<ExportOptions, 'includeWeights'> {
  /** Which weights the model holds, for the docstring: the ones a fresh run starts from, or the current (trained) ones. */
  weights: 'initial' | 'current';
  training: TrainingSettings;
  /** The document's seed: the app's batch order and PyTorch's own draws (dropout). */
  seed: number;
  data: TrainingScriptData;
}

const OPTIMIZER_NAMES: Record<OptimizerSettings['kind'], string> = { sgd: 'SGD', momentum: 'Momentum', rmsprop: 'RMSProp', adam: 'Adam' };

/**
 * A Python script that carries a model's training on in PyTorch: it rebuilds the network
 * with the model's weights (bit for bit), reads the same training and test samples from
 * its data files, and trains with the document's optimizer, learning rate, batch size and
 * epochs, in the app's batch order (its generator ported exactly), printing the app's
 * curve's metrics. Under `torchrun --nproc_per_node=N` it trains with DistributedDataParallel.
 */
export function exportTrainingScript(model: Sequential, options: TrainingScriptOptions): string {
  const where = 'exportTrainingScript';
  const plan = planExport(where, model, { ...options, includeWeights: true });
  if (!plan.loss) throw new Error(`${where}: the model has no loss; training needs a loss as its last layer`);
  const custom = plan.layers.find((l) => l.kind.code);
  if (custom) throw new Error(`${where}: layer ${custom.index} (${JSON.stringify(custom.name)}) is a Custom layer, whose code cannot be translated to PyTorch; a training script needs every layer in PyTorch`);
  const { training, data } = options;
  if (!Number.isInteger(options.seed) || options.seed < 0) throw new RangeError(`${where}: expected options.seed to be a whole number ≥ 0, got ${String(options.seed)}`);
  if (data.trainSamples < 1) throw new RangeError(`${where}: the training set is empty; there is nothing to train on`);
  const task = plan.loss.kind.task;
  const lines = [
    ...docstring(plan, options),
    '',
    'import argparse',
    'import array',
    'import base64',
    'import csv',
    'import json',
    'import math',
    'import os',
    'import struct',
    'import sys',
    'import time',
    'from pathlib import Path',
    '',
    'import torch',
    'import torch.distributed as dist',
    'import torch.nn.functional as F',
    'from torch import nn',
    'from torch.nn.parallel import DistributedDataParallel as DDP',
    'from torch.utils.data import DistributedSampler',
    '',
    `NAME = ${pyString(plan.name)}`,
    `INPUT_FEATURES = ${plan.inputFeatures}`,
    `OUTPUT_FEATURES = ${plan.outputFeatures}`,
    `TASK = "${task}"  # ${task === 'classification' ? 'cross-entropy on class scores' : 'mean squared error'}`,
    `TARGET_NAME = ${pyString(task === 'classification' ? 'class index' : 'target')}`,
    ...(task === 'classification' && data.classNames ? [`CLASS_NAMES = [${data.classNames.map(pyString).join(', ')}]`] : []),
    `SEED = ${options.seed}`,
    `EPOCHS = ${training.epochs}`,
    `BATCH_SIZE = ${training.batch_size}`,
    `UPDATE_EVERY = ${training.update_every}  # steps per point of the app's curve; the target loss is checked on their mean`,
    `TARGET_LOSS = ${pyFloat(training.target_loss)}  # stop once the mean loss of UPDATE_EVERY steps is at or below it (0: never)`,
    `OPTIMIZER = ${optimizerDict(training.optimizer)}`,
    `OPTIMIZER_TEXT = ${pyString(optimizerText(training.optimizer))}`,
    `DATA_FORMAT = "${data.format}"`,
    `TRAIN_FILE = ${pyString(data.trainFile)}  # ${data.trainSamples} samples`,
    `TEST_FILE = ${pyString(data.testFile)}  # ${data.testSamples} samples`,
    '',
    '',
    ...buildModel(plan, true),
    '',
    '',
    ...weightsSection(where, plan),
    '',
    TRAINING_LOOP_PY.trimStart(),
  ];
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}

function optimizerDict(o: OptimizerSettings): string {
  const entries: [string, string][] = [
    ['kind', `"${o.kind}"`],
    ['lr', pyFloat(o.lr)],
    ['momentum', pyFloat(o.momentum)],
    ['decay', pyFloat(o.decay)],
    ['beta1', pyFloat(o.beta1)],
    ['beta2', pyFloat(o.beta2)],
    ['eps', pyFloat(o.eps)],
    ['weight_decay', pyFloat(o.weight_decay)],
  ];
  return `{${entries.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`;
}

/** The optimizer in words, with the settings it uses. */
export function optimizerText(o: OptimizerSettings): string {
  const parts = [`lr ${o.lr}`];
  if (o.kind === 'momentum') parts.push(`momentum ${o.momentum}`);
  if (o.kind === 'rmsprop') parts.push(`decay ${o.decay}`, `eps ${o.eps}`);
  if (o.kind === 'adam') parts.push(`betas ${o.beta1}/${o.beta2}`, `eps ${o.eps}`);
  if (o.weight_decay > 0) parts.push(`weight decay ${o.weight_decay}`);
  return `${OPTIMIZER_NAMES[o.kind]} (${parts.join(', ')})`;
}

function docstring(plan: ExportPlan, o: TrainingScriptOptions): string[] {
  const { training: t, data } = o;
  const classification = plan.loss!.kind.task === 'classification';
  const hasDropout = plan.layers.some((l) => l.kind.type === 'Dropout');
  const estimator = t.estimator.kind;
  return [
    `"""${docText(plan.name)}: a training script exported from Backprop Studio.`,
    '',
    `Requires Python 3.9+ and PyTorch, nothing else. Keep it beside its data (${docText(data.trainFile)},`,
    `${docText(data.testFile)}) and run`,
    '',
    '    python train.py                          # one process: the GPU when there is one, else the CPU',
    '    torchrun --nproc_per_node=2 train.py     # DistributedDataParallel: gloo on CPU, nccl on GPUs',
    '',
    'Options: --epochs N, --order-seed S (another batch order), --print-every E, --device cpu|cuda,',
    '--save PATH (the trained state_dict; by default trained.pt beside the script, written by rank 0).',
    '',
    'It trains as Backprop Studio does:',
    '',
    `- Data: ${docText(data.description)}; the app's split, ${data.trainSamples} training and ${data.testSamples} test samples,`,
    data.format === 'digits'
      ? "  as bytes in the app's digits format (see read_digits); inputs are pixel / 255."
      : `  one row per sample: the features, then the ${classification ? 'class index' : 'target'}, float32 values written exactly.`,
    `- Network: the graph as an nn.Sequential with ${o.weights === 'initial' ? `the weights the app's training starts from (seed ${o.seed})` : 'the weights it had when exported (trained in the app)'},`,
    '  embedded below bit for bit.',
    `- Loss: ${classification ? 'cross-entropy of the class scores (nn.CrossEntropyLoss), the mean over the batch' : 'mean squared error (nn.MSELoss)'}.`,
    `- Optimizer: ${docText(optimizerText(t.optimizer))}, with the app's update rules (see make_optimizer).`,
    `- Batches of ${t.batch_size} for ${t.epochs} epochs, in the app's order: its random generator is ported below, so`,
    '  one process sees the same batches in the same order. Under torchrun, each of N processes',
    '  takes BATCH_SIZE // N samples of every step, in DistributedSampler\'s order.',
    `- Every few epochs a line: the mean mini-batch loss and ${classification ? 'accuracy' : 'R2'} since the line before (training mode,`,
    `  as the app's curve) and the test set's loss and ${classification ? 'accuracy' : 'R2'} (evaluation mode); at the end a line`,
    '  "final {...}" with the same figures as JSON.',
    '',
    'With the same data, initial weights, batch order and update rules, the curves agree with the',
    "app's closely but not bit for bit: PyTorch's float32 kernels round differently.",
    ...(hasDropout ? ["Dropout draws its masks from PyTorch's generator, not the app's: runs agree only statistically."] : []),
    ...(estimator !== 'backprop' ? [`The document estimates gradients by ${estimator}; this script uses backpropagation (autograd).`] : []),
    '"""',
  ];
}

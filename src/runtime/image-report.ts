import { Linear, Tensor, type Sequential } from '../engine';
import type { Plan } from '../model';
import type { Dataset } from './datasets';
import { backwardAll, forwardAll } from './passes';

/** What the views of image data show: every test image's prediction, the confusion matrix, the first layer's weights. */
export interface ImageReport {
  step: number;
  classes: number;
  /** Side of the square images (28 for the digits). */
  side: number;
  /** The test images as bytes (0 background … 255 ink), n × side²; only when asked for (they do not change). */
  images?: Uint8Array;
  labels: Int32Array;
  predicted: Int32Array;
  /** Softmax probability of the predicted class. */
  confidence: Float32Array;
  /** classes × classes counts, row = true class, column = predicted class. */
  confusion: Int32Array;
  accuracy: number;
  loss: number;
  /** The first Linear layer's weights, [units, side²] row-major, when it reads the pixels. */
  firstLayer: { nodeId: string; units: number; w: Float32Array } | null;
}

/** One sample's own journey: its activations at every layer, its loss, and dL/dx. */
export interface SampleTrace {
  index: number;
  label: number;
  predicted: number;
  probabilities: Float32Array;
  loss: number;
  /** The sample itself (features). */
  input: Float32Array;
  /** dL/dx: which pixels (features) would change the loss most. */
  saliency: Float32Array;
  layers: { nodeId: string; title: string; values: Float32Array }[];
  /** Edge id → ‖dL/d(tensor on the edge)‖ for this sample alone. */
  edgeGradNorms: Record<string, number>;
}

function softmaxRow(s: Float32Array, from: number, k: number, out: Float32Array): void {
  let max = -Infinity;
  for (let j = 0; j < k; j++) max = Math.max(max, s[from + j]);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += out[j] = Math.exp(s[from + j] - max);
  for (let j = 0; j < k; j++) out[j] /= sum;
}

/** The images' side when every sample is a square picture (784 features: 28 × 28), else null. */
export function imageSide(features: number): number | null {
  const side = Math.round(Math.sqrt(features));
  return side >= 8 && side * side === features ? side : null;
}

/** Predictions on the whole test set in evaluation mode, on a copy of the model (training is not disturbed). */
export function imageReport(model: Sequential, plan: Plan, test: Dataset, step: number, withImages: boolean): ImageReport | null {
  const side = imageSide(test.features);
  const n = test.y.length;
  if (!side || !n || !plan.lossNodeId || plan.task !== 'classification') return null;
  const copy = model.clone().eval();
  let out = new Tensor(test.x, [n, test.features]);
  for (let i = 0; i < copy.layers.length - 1; i++) out = copy.layers[i].forward(out);
  const loss = copy.layers[copy.layers.length - 1].forward(out, test.y).item();
  const k = out.shape[1];
  const classes = test.classes;
  const predicted = new Int32Array(n);
  const confidence = new Float32Array(n);
  const confusion = new Int32Array(classes * classes);
  const p = new Float32Array(k);
  let correct = 0;
  for (let r = 0; r < n; r++) {
    softmaxRow(out.data as Float32Array, r * k, k, p);
    let best = 0;
    for (let j = 1; j < k; j++) if (p[j] > p[best]) best = j;
    predicted[r] = best;
    confidence[r] = p[best];
    if (best < classes) confusion[test.y[r] * classes + best]++;
    if (best === test.y[r]) correct++;
  }
  const first = plan.layers.findIndex((_, i) => model.layers[i] instanceof Linear);
  const w = first >= 0 ? model.layers[first].params().find((q) => q.name === 'w') : undefined;
  const report: ImageReport = {
    step,
    classes,
    side,
    labels: Int32Array.from(test.y),
    predicted,
    confidence,
    confusion,
    accuracy: correct / n,
    loss,
    firstLayer: w && w.value.shape[1] === test.features ? { nodeId: plan.layers[first].nodeId, units: w.value.shape[0], w: Float32Array.from(w.value.data) } : null,
  };
  if (withImages) {
    const images = new Uint8Array(test.x.length);
    for (let i = 0; i < images.length; i++) images[i] = Math.round(Math.min(1, Math.max(0, test.x[i])) * 255);
    report.images = images;
  }
  return report;
}

/** Runs one sample alone, forward and backward, in evaluation mode on a copy of the model. */
export function traceSample(model: Sequential, plan: Plan, data: Dataset, index: number): SampleTrace {
  if (!plan.lossNodeId || plan.task !== 'classification') throw new Error('Tracing a sample needs a classifier ending in a Cross-entropy loss.');
  if (!Number.isInteger(index) || index < 0 || index >= data.y.length) throw new Error(`There is no sample ${index}: the set has ${data.y.length}.`);
  const f = data.features;
  const input = data.x.slice(index * f, (index + 1) * f);
  const label = data.y[index];
  const copy = model.clone().eval();
  const trace = forwardAll(copy, new Tensor(input, [1, f]), Int32Array.of(label));
  copy.zeroGrad();
  backwardAll(copy, trace);
  const L = copy.layers.length;
  const scores = trace.inputs[L - 1].data as Float32Array;
  const probabilities = new Float32Array(scores.length);
  softmaxRow(scores, 0, scores.length, probabilities);
  let predicted = 0;
  for (let j = 1; j < probabilities.length; j++) if (probabilities[j] > probabilities[predicted]) predicted = j;
  const edgeGradNorms: Record<string, number> = {};
  plan.layers.forEach((pl, i) => {
    const d = trace.dIns[i].data;
    let s = 0;
    for (let j = 0; j < d.length; j++) s += d[j] * d[j];
    edgeGradNorms[pl.inEdgeId] = Math.sqrt(s);
  });
  return {
    index,
    label,
    predicted,
    probabilities,
    loss: trace.outputs[L - 1].item(),
    input,
    saliency: Float32Array.from(trace.dIns[0].data),
    layers: plan.layers.slice(0, L - 1).map((pl, i) => ({ nodeId: pl.nodeId, title: pl.title, values: Float32Array.from(trace.outputs[i].data) })),
    edgeGradNorms,
  };
}

import { formatGradcheck, gradcheck, gradcheckSteps, Tensor, type Layer, type Sequential } from '../engine';
import type { Plan } from '../model';
import type { Targets } from './datasets';
import type { GradcheckReport, LayerGradcheck } from './protocol';
import { yieldToEvents } from './scheduler';

/** Gradient checks pass below this max relative error. */
export const GRADCHECK_THRESHOLD = 1e-6;

/** How far a running gradient check is. */
export interface GradcheckProgress {
  /** Entries checked so far, of all the check will look at. */
  done: number;
  total: number;
  /** The layer being checked. */
  nodeId: string;
  title: string;
}

/** Entries checked per tensor: all of a small one, a random sample of a large one. */
export const MAX_ENTRIES = 256;
export const MIN_ENTRIES = 16;
/**
 * Work (multiply–adds, estimated) a layer's check may cost: every checked entry costs two
 * evaluations of the layer in float64 (four when the larger step disagrees). Question 1's
 * Linear(1024 → 512) on its first 8 samples is 4 million per evaluation, so each of its
 * tensors gets a sample of about 20 entries; the homework's layers keep MAX_ENTRIES.
 */
const WORK_BUDGET = 5e8;
/**
 * A layer whose evaluation costs more than this on the whole batch is checked on its first
 * samples only (at least MIN_SAMPLES): the same code, on a smaller batch, so a check of a
 * large layer takes seconds rather than minutes. The report says on how many.
 */
const WORK_PER_EVALUATION = 4e6;
export const MIN_SAMPLES = 8;
/** Work between two looks at the event loop (a cancel, another call). */
const SLICE_MS = 40;
const PROGRESS_MS = 100;

/** One evaluation's work, estimated: the input's entries plus, per sample, each parameter once. */
export function evaluationWork(layer: Layer, x: Tensor): number {
  const samples = x.shape[0] ?? 1;
  const params = layer.params().reduce((n, p) => n + p.value.size, 0);
  return x.size + samples * params;
}

/** The samples a layer's check runs on: all of them, or the first few of a batch too costly to evaluate hundreds of times. */
export function checkedSamples(layer: Layer, x: Tensor): number {
  const n = x.shape[0] ?? 1;
  const work = evaluationWork(layer, x);
  if (x.shape.length < 2 || work <= WORK_PER_EVALUATION) return n;
  return Math.min(n, Math.max(MIN_SAMPLES, Math.floor((n * WORK_PER_EVALUATION) / work)));
}

/** The first `k` samples of `x` (and their labels). */
function firstSamples(x: Tensor, y: Targets, k: number): { x: Tensor; y: Targets } {
  if (k >= x.shape[0]) return { x, y };
  const row = x.size / x.shape[0];
  return { x: new Tensor(x.data.slice(0, k * row), [k, ...x.shape.slice(1)]), y: y.subarray(0, k) };
}

/** Entries to check per tensor of `layer` on input `x`, so the layer's check stays within WORK_BUDGET. */
export function entriesPerTensor(layer: Layer, x: Tensor): number {
  const tensors = 1 + layer.params().length;
  const n = Math.floor(WORK_BUDGET / (2 * tensors * Math.max(1, evaluationWork(layer, x))));
  return Math.max(MIN_ENTRIES, Math.min(MAX_ENTRIES, n));
}

/**
 * A gradient check of every layer of a compiled model, in slices that let other calls in
 * between (so Cancel takes effect within a slice), reporting how far it is at most 10 times
 * a second. Large tensors are checked on a random sample of entries (see entriesPerTensor);
 * the report says how many of how many.
 */
export class GradcheckRun {
  private cancelled = false;

  cancel(): void {
    this.cancelled = true;
  }

  /** The report, or null when cancelled. `inputs[i]` is layer i's input on the current batch. */
  async run(model: Sequential, plan: Plan, inputs: readonly Tensor[], y: Targets, onProgress?: (p: GradcheckProgress) => void): Promise<GradcheckReport | null> {
    const sizes = plan.layers.map((_, i) => {
      const layer = model.layers[i];
      const samples = checkedSamples(layer, inputs[i]);
      const batch = firstSamples(inputs[i], y, samples);
      const per = entriesPerTensor(layer, batch.x);
      return { per, batch, samples, entries: [batch.x.size, ...layer.params().map((p) => p.value.size)].reduce((n, s) => n + Math.min(s, per), 0) };
    });
    const total = sizes.reduce((n, s) => n + s.entries, 0);
    let before = 0;
    let sliceStart = performance.now();
    let lastReport = 0;
    const layers: LayerGradcheck[] = [];
    for (let i = 0; i < plan.layers.length; i++) {
      const pl = plan.layers[i];
      const { batch, samples } = sizes[i];
      const steps = gradcheckSteps(model.layers[i], batch.x, batch.y, { maxEntries: sizes[i].per });
      for (;;) {
        const r = steps.next();
        if (r.done) {
          const total = inputs[i].shape[0];
          const note = samples < total ? `\non the first ${samples} of the batch's ${total} samples` : '';
          layers.push({ nodeId: pl.nodeId, title: pl.title, result: r.value, report: formatGradcheck(r.value) + note, ...(samples < total ? { samples: { checked: samples, total } } : {}) });
          break;
        }
        const now = performance.now();
        if (now - sliceStart >= SLICE_MS) {
          if (onProgress && now - lastReport >= PROGRESS_MS) {
            lastReport = now;
            onProgress({ done: before + r.value.done, total, nodeId: pl.nodeId, title: pl.title });
          }
          await yieldToEvents();
          if (this.cancelled) return null;
          sliceStart = performance.now();
        }
      }
      before += sizes[i].entries;
    }
    const maxRelError = Math.max(0, ...layers.map((l) => l.result.maxRelError));
    return { layers, maxRelError, threshold: GRADCHECK_THRESHOLD, passed: maxRelError < GRADCHECK_THRESHOLD };
  }
}

/**
 * The service's gradient checks of the layers on the current pass (`inputs[i]` is layer i's
 * input): every entry at once, or one run at a time with progress and Cancel, a new run
 * cancelling the one before.
 */
export class GradientChecks {
  private current: GradcheckRun | null = null;

  /** Every entry of every layer, checked at once (the homework's check). */
  all(model: Sequential, plan: Plan, inputs: readonly Tensor[], y: Targets): GradcheckReport {
    const layers = plan.layers.map((pl, i) => {
      const result = gradcheck(model.layers[i], inputs[i], y);
      return { nodeId: pl.nodeId, title: pl.title, result, report: formatGradcheck(result) };
    });
    const maxRelError = Math.max(0, ...layers.map((l) => l.result.maxRelError));
    return { layers, maxRelError, threshold: GRADCHECK_THRESHOLD, passed: maxRelError < GRADCHECK_THRESHOLD };
  }

  /** A GradcheckRun: the report, or null when cancelled. */
  async run(model: Sequential, plan: Plan, inputs: readonly Tensor[], y: Targets, onProgress?: (p: GradcheckProgress) => void): Promise<GradcheckReport | null> {
    this.current?.cancel();
    const run = (this.current = new GradcheckRun());
    try {
      return await run.run(model, plan, inputs, y, onProgress);
    } finally {
      if (this.current === run) this.current = null;
    }
  }

  cancel(): void {
    this.current?.cancel();
  }
}

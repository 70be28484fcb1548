import { formatGradcheck, gradcheck, type Sequential, type Tensor } from '../engine';
import {
  compileGraph,
  exportOnnx,
  exportPyTorch,
  nodeName,
  readModelWeights,
  type Diagnostic,
  type ModelDocument,
  type Plan,
  type PlanLayer,
  type StoredWeights,
} from '../model';
import { analyzeGraph } from '../model/analyze';
import { buildLayer } from '../model/compile';
import { dataBounds, prepareDataset, type Bounds, type Dataset, type DatasetError, type DatasetSplit } from './datasets';
import { decisionBoundary, type DecisionBoundary } from './boundary';
import { GRADCHECK_THRESHOLD, GradcheckRun, type GradcheckProgress } from './gradcheck-run';
import type { TrainingSpeed } from './pace';
import { jacobianStructure, type JacobianStructure, type JacobianWrt } from './jacobian';
import { accuracy, backwardAll, backwardLayer, emptyTrace, forwardAll, forwardLayer, keepingRandomState, type Trace } from './passes';
import type {
  BackwardReport,
  DatasetInfo,
  DatasetPoints,
  ForwardReport,
  GradcheckReport,
  LoadResult,
  NodeBackward,
  StepReport,
  StepStatus,
  TensorKind,
  TensorView,
  TrainProgress,
} from './protocol';
import { summarize } from './summary';
import { Training } from './training';
import { gather } from './trainer';
import { tensorView } from './tensor-view';

export { GRADCHECK_THRESHOLD };

export interface LoadOptions {
  /**
   * 'keep' (editing): layers that did not change keep their current, trained weights;
   * 'document' (opening a file, an example, a link): the document's weights replace them.
   */
  weights?: 'keep' | 'document';
}

interface Compiled {
  model: Sequential;
  plan: Plan;
}

interface Data {
  key: string;
  dataset: Dataset;
  split: DatasetSplit;
  bounds: Bounds;
}

/** A layer is "the same" across loads when its node, kind and resolved sizes are. */
function signature(pl: PlanLayer): string {
  return `${pl.nodeId}|${pl.type}|${JSON.stringify(pl.resolved)}`;
}

/**
 * Everything the editor shows is computed here: compiling documents, forward and
 * backward passes (whole or one layer at a time), gradient checks, Jacobian structure,
 * training. A plain class, so Node tests drive it directly; the worker exposes it
 * through Comlink.
 */
export class EngineService {
  private doc: ModelDocument | null = null;
  private compiled: Compiled | null = null;
  private data: Data | null = null;
  private dataErrors: DatasetError[] = [];
  private dataDiagnostics: Diagnostic[] = [];
  private batch: { x: Tensor; y: Int32Array } | null = null;
  /** The last full or stepped pass on the current model and batch. */
  private trace: Trace | null = null;
  private traceHasBackward = false;
  private stepPosition = 0;
  private mode: 'train' | 'eval' = 'train';
  readonly training = new Training();
  private gradcheckRun: GradcheckRun | null = null;

  // ── Documents ───────────────────────────────────────────────────────────

  load(doc: ModelDocument, options: LoadOptions = {}): LoadResult {
    const keep = (options.weights ?? 'keep') === 'keep';
    const previous = this.compiled;
    const prevLayers = new Map<string, { pl: PlanLayer; index: number }>();
    if (keep && previous) previous.plan.layers.forEach((pl, index) => prevLayers.set(signature(pl), { pl, index }));

    let source = doc;
    if (keep && doc.weights) {
      // Stored weights are only a fallback for layers this service has not trained; ones
      // whose shape no longer fits (the layer was edited) are dropped.
      const analysis = analyzeGraph(doc);
      const fits = new Set((analysis.plan?.layers ?? []).filter((pl) => !prevLayers.has(signature(pl))).map((pl) => pl.nodeId));
      const weights: StoredWeights = {};
      for (const [id, w] of Object.entries(doc.weights)) {
        const pl = analysis.plan?.layers.find((l) => l.nodeId === id);
        if (fits.has(id) && pl && pl.params.every((p) => w[p.name] && w[p.name].shape.join() === p.shape.join())) weights[id] = w;
      }
      source = { ...doc, weights };
    }

    const result = compileGraph(source);
    const architectureChanged = !previous || !result.ok || previous.plan.layers.map(signature).join('\n') !== result.plan.layers.map(signature).join('\n');
    const settingsChanged = JSON.stringify(this.doc?.training ?? null) !== JSON.stringify(doc.training ?? null) || this.doc?.seed !== doc.seed;
    if (keep && previous && result.ok && !architectureChanged && !settingsChanged) {
      // Nothing the numbers depend on changed (a move, a rename): keep the model, its
      // training run and its last pass as they are.
      this.doc = doc;
      const plan = result.plan;
      this.compiled = { model: previous.model, plan };
      return this.loadResult(result.diagnostics, plan, plan.nodeShapes, plan.edgeShapes, plan.layers.filter((l) => l.paramCount > 0).map((l) => l.nodeId), null);
    }
    let trainingStopped: string | null = null;
    if (this.training.active) {
      trainingStopped = architectureChanged ? 'The architecture changed, so training stopped.' : keep ? 'The settings changed, so training stopped.' : 'A new model was opened, so training stopped.';
      this.training.stop();
    }

    const kept: string[] = [];
    this.doc = doc;
    if (result.ok) {
      if (keep && previous) {
        result.plan.layers.forEach((pl, i) => {
          const before = prevLayers.get(signature(pl));
          if (!before) return;
          const from = previous.model.layers[before.index].params();
          const to = result.model.layers[i].params();
          if (!from.length) return;
          to.forEach((p, k) => p.value.data.set(from[k].value.data));
          kept.push(pl.nodeId);
        });
      }
      this.compiled = { model: result.model, plan: result.plan };
    } else {
      this.compiled = null;
    }
    this.training.reset();
    this.prepareData();
    this.invalidate();
    return result.ok
      ? this.loadResult(result.diagnostics, result.plan, result.plan.nodeShapes, result.plan.edgeShapes, kept, trainingStopped)
      : this.loadResult(result.diagnostics, null, result.nodeShapes, result.edgeShapes, kept, trainingStopped);
  }

  private loadResult(
    diagnostics: Diagnostic[],
    plan: Plan | null,
    nodeShapes: LoadResult['nodeShapes'],
    edgeShapes: LoadResult['edgeShapes'],
    keptWeights: string[],
    trainingStopped: string | null,
  ): LoadResult {
    return {
      ok: !!plan && this.dataDiagnostics.every((d) => d.severity !== 'error') && this.dataErrors.length === 0,
      diagnostics,
      dataDiagnostics: this.dataDiagnostics,
      dataErrors: this.dataErrors,
      plan,
      nodeShapes,
      edgeShapes,
      keptWeights,
      trainingStopped,
      dataset: this.datasetInfo(),
      // A run still winding down after a stop belongs to the model this load replaced.
      trainedSteps: this.training.run && this.training.run.model === this.compiled?.model ? this.training.run.step : 0,
    };
  }

  private prepareData(): void {
    this.dataDiagnostics = [];
    const doc = this.doc;
    const plan = this.compiled?.plan;
    if (!doc?.training || !plan) {
      this.data = null;
      this.dataErrors = [];
      this.batch = null;
      return;
    }
    const settings = doc.training.dataset;
    const shape = { features: plan.inputFeatures, classes: plan.outputFeatures };
    const key = JSON.stringify([settings, doc.seed, settings.kind === 'random' ? shape : null]);
    if (this.data?.key !== key) {
      const r = prepareDataset(settings, doc.seed, shape);
      if (r.ok) {
        this.data = { key, dataset: r.data, split: r.split, bounds: dataBounds(r.data) };
        this.dataErrors = [];
      } else {
        this.data = null;
        this.dataErrors = r.errors;
      }
    }
    const data = this.data;
    if (!data) {
      this.batch = null;
      return;
    }
    const ds = data.dataset;
    if (plan.task === 'regression') {
      this.dataDiagnostics.push({
        severity: 'error',
        nodeId: plan.lossNodeId!,
        message: `The MSE loss compares the outputs with numeric targets, but the dataset '${ds.name}' has class labels. Use a Cross-entropy loss for it.`,
      });
    }
    if (ds.features !== plan.inputFeatures) {
      this.dataDiagnostics.push({
        severity: 'error',
        nodeId: plan.inputNodeId,
        field: 'features',
        message: `The dataset '${ds.name}' has ${ds.features} features per sample, but the Input takes ${plan.inputFeatures}.`,
      });
    }
    if (plan.task === 'classification' && ds.classes > plan.outputFeatures) {
      this.dataDiagnostics.push({
        severity: 'error',
        nodeId: plan.lossNodeId!,
        message: `The dataset '${ds.name}' has ${ds.classes} classes, but the network gives ${plan.outputFeatures} scores per sample.`,
      });
    }
    if (this.dataDiagnostics.length) {
      this.batch = null;
      return;
    }
    const train = data.split.train;
    const n = Math.min(doc.training.batch_size, train.y.length);
    this.batch = gather(train, Int32Array.from({ length: n }, (_, i) => i), 0, n);
  }

  private datasetInfo(): DatasetInfo | null {
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
    };
  }

  /** The model or batch changed: the last pass no longer describes them. */
  private invalidate(): void {
    this.gradcheckRun?.cancel();
    this.trace = null;
    this.traceHasBackward = false;
    this.stepPosition = 0;
  }

  private require(): { model: Sequential; plan: Plan; x: Tensor; y: Int32Array } {
    if (!this.doc) throw new Error('No model is loaded yet.');
    if (!this.compiled) throw new Error('The graph has errors; fix the problems listed under Messages first.');
    if (!this.batch) {
      const why = this.dataErrors[0]?.message ?? this.dataDiagnostics[0]?.message ?? 'the document has no training settings';
      throw new Error(`No batch to run: ${why}`);
    }
    if (this.training.running) throw new Error('Training is running; pause it first.');
    return { ...this.compiled, x: this.batch.x, y: this.batch.y };
  }

  setMode(mode: 'train' | 'eval'): void {
    if (mode !== this.mode) this.invalidate();
    this.mode = mode;
  }

  // ── Passes ──────────────────────────────────────────────────────────────

  forward(): ForwardReport {
    const { model, plan, x, y } = this.require();
    model.train(this.mode === 'train');
    this.trace = keepingRandomState(model, () => forwardAll(model, x, y));
    this.traceHasBackward = false;
    this.stepPosition = model.layers.length;
    return this.forwardReport(plan, this.trace, x, y);
  }

  backward(): BackwardReport {
    const { model, plan, x, y } = this.require();
    if (!plan.lossNodeId) throw new Error('Backward needs a loss as the last node.');
    if (!this.trace || this.trace.outputs.length < model.layers.length) {
      model.train(this.mode === 'train');
      this.trace = keepingRandomState(model, () => forwardAll(model, x, y));
    }
    backwardAll(model, this.trace);
    this.traceHasBackward = true;
    this.stepPosition = 2 * model.layers.length;
    return this.backwardReport(model, plan, this.trace, x, y);
  }

  private forwardReport(plan: Plan, trace: Trace, x: Tensor, y: Int32Array): ForwardReport {
    const nodes: ForwardReport['nodes'] = { [plan.inputNodeId]: summarize(x) };
    plan.layers.forEach((pl, i) => {
      if (trace.outputs[i]) nodes[pl.nodeId] = summarize(trace.outputs[i]);
    });
    const L = plan.layers.length;
    const done = trace.outputs.length === L && L > 0;
    const loss = done && plan.lossNodeId ? trace.outputs[L - 1].item() : null;
    const scores = plan.lossNodeId ? trace.inputs[L - 1] : trace.outputs[L - 1];
    return {
      batchSize: x.shape[0],
      nodes,
      loss,
      accuracy: done && scores && plan.outputFeatures >= 2 ? accuracy(scores, y) : null,
      mode: this.mode,
    };
  }

  private nodeBackward(model: Sequential, trace: Trace, i: number): NodeBackward {
    const params = model.layers[i].params().map((p) => ({ name: p.name, value: summarize(p.value), grad: summarize(p.grad) }));
    const dOut = trace.dOuts[i];
    const dIn = summarize(trace.dIns[i]);
    const pn = Math.sqrt(params.reduce((s, p) => s + p.grad.norm ** 2, 0));
    return { dOut: dOut ? summarize(dOut) : null, dIn, params, gradNorm: { input: dIn.norm, params: pn } };
  }

  private backwardReport(model: Sequential, plan: Plan, trace: Trace, x: Tensor, y: Int32Array): BackwardReport {
    const nodes: BackwardReport['nodes'] = {};
    const edgeGradNorms: Record<string, number> = {};
    plan.layers.forEach((pl, i) => {
      if (!trace.dIns[i]) return;
      nodes[pl.nodeId] = this.nodeBackward(model, trace, i);
      edgeGradNorms[pl.inEdgeId] = nodes[pl.nodeId].gradNorm.input;
    });
    return { forward: this.forwardReport(plan, trace, x, y), nodes, edgeGradNorms };
  }

  // ── One layer at a time ─────────────────────────────────────────────────

  stepReset(): StepStatus {
    this.invalidate();
    return this.stepStatus();
  }

  stepStatus(): StepStatus {
    const plan = this.compiled?.plan;
    const L = plan?.layers.length ?? 0;
    const total = plan?.lossNodeId ? 2 * L : L;
    const p = this.stepPosition;
    const next = !plan || p >= total ? null : p < L ? `Forward ${p + 1}/${L}: ${plan.layers[p].title}` : `Backward ${p - L + 1}/${L}: ${plan.layers[2 * L - 1 - p].title}`;
    return { position: p, total, next };
  }

  /**
   * Runs the next layer: forward through the chain, then backward in reverse (when the
   * chain ends in a loss). After the last step the state equals a full forward and
   * backward pass.
   */
  stepNext(): StepReport {
    const { model, plan, x, y } = this.require();
    const L = model.layers.length;
    const total = plan.lossNodeId ? 2 * L : L;
    if (this.stepPosition >= total) this.invalidate();
    const p = this.stepPosition;
    if (p === 0) {
      this.trace = emptyTrace();
      this.traceHasBackward = false;
      model.train(this.mode === 'train');
    }
    const trace = this.trace!;
    this.stepPosition++;
    if (p < L) {
      const pl = plan.layers[p];
      const out = keepingRandomState(model, () => forwardLayer(model, trace, p, x, y));
      return {
        phase: 'forward',
        index: p + 1,
        total: L,
        nodeId: pl.nodeId,
        edgeId: pl.inEdgeId,
        title: pl.title,
        label: `Forward ${p + 1}/${L}: ${pl.title}`,
        output: summarize(out),
        loss: pl.nodeId === plan.lossNodeId ? out.item() : undefined,
        done: this.stepPosition >= total,
      };
    }
    const i = 2 * L - 1 - p;
    if (i === L - 1) model.zeroGrad();
    backwardLayer(model, trace, i);
    const pl = plan.layers[i];
    const nb = this.nodeBackward(model, trace, i);
    if (i === 0) this.traceHasBackward = true;
    return {
      phase: 'backward',
      index: p - L + 1,
      total: L,
      nodeId: pl.nodeId,
      edgeId: pl.inEdgeId,
      title: pl.title,
      label: `Backward ${p - L + 1}/${L}: ${pl.title}`,
      backward: nb,
      edgeGradNorm: nb.gradNorm.input,
      done: this.stepPosition >= total,
    };
  }

  // ── Looking inside ──────────────────────────────────────────────────────

  /** Makes sure a forward pass of the current batch stands behind the layers' state. */
  private ensureForward(): { model: Sequential; plan: Plan; trace: Trace } {
    const { model, plan } = this.require();
    if (!this.trace || this.trace.outputs.length < model.layers.length) this.forward();
    return { model, plan, trace: this.trace! };
  }

  private layerIndex(plan: Plan, nodeId: string): number {
    const i = plan.layers.findIndex((l) => l.nodeId === nodeId);
    if (i < 0) throw new Error(`Node '${nodeId}' is not a layer of the compiled chain.`);
    return i;
  }

  gradcheck(): GradcheckReport {
    const { model, plan, trace } = this.ensureForward();
    const y = this.batch!.y;
    const layers = plan.layers.map((pl, i) => {
      const result = gradcheck(model.layers[i], trace.inputs[i], y);
      return { nodeId: pl.nodeId, title: pl.title, result, report: formatGradcheck(result) };
    });
    const maxRelError = Math.max(0, ...layers.map((l) => l.result.maxRelError));
    return { layers, maxRelError, threshold: GRADCHECK_THRESHOLD, passed: maxRelError < GRADCHECK_THRESHOLD };
  }

  /**
   * The gradient check with progress and Cancel, large tensors checked on a random sample
   * of entries (see GradcheckRun); null when cancelled (by cancelGradcheck, or by anything
   * that changes the model or the batch).
   */
  async checkGradients(onProgress?: (p: GradcheckProgress) => void): Promise<GradcheckReport | null> {
    const { model, plan, trace } = this.ensureForward();
    this.gradcheckRun?.cancel();
    const run = (this.gradcheckRun = new GradcheckRun());
    try {
      return await run.run(model, plan, trace.inputs, this.batch!.y, onProgress);
    } finally {
      if (this.gradcheckRun === run) this.gradcheckRun = null;
    }
  }

  cancelGradcheck(): void {
    this.gradcheckRun?.cancel();
  }

  /** The compiled chain, or null while the graph has errors. */
  get plan(): Plan | null {
    return this.compiled?.plan ?? null;
  }

  jacobian(nodeId: string, wrt: JacobianWrt = 'input'): JacobianStructure {
    const { model, plan } = this.ensureForward();
    return jacobianStructure(model.layers[this.layerIndex(plan, nodeId)], wrt);
  }

  /** A tensor of a node at full resolution up to `maxSide` per side (the inspector's heatmaps). */
  tensor(nodeId: string, kind: TensorKind, maxSide = 256): TensorView | null {
    const { model, plan, trace } = this.ensureForward();
    if (nodeId === plan.inputNodeId) return kind === 'output' ? tensorView(this.batch!.x, maxSide) : null;
    const i = this.layerIndex(plan, nodeId);
    const params = model.layers[i].params();
    const param = (name: string, grad: boolean) => {
      const p = params.find((q) => q.name === name);
      return p ? (grad ? p.grad : p.value) : undefined;
    };
    const t =
      kind === 'output' ? trace.outputs[i]
      : kind === 'dOut' ? (this.traceHasBackward ? trace.dOuts[i] : undefined)
      : kind === 'dIn' ? (this.traceHasBackward ? trace.dIns[i] : undefined)
      : kind === 'w' || kind === 'b' ? param(kind, false)
      : param(kind.slice(1), true);
    return t ? tensorView(t, maxSide) : null;
  }

  datasetPoints(): DatasetPoints | null {
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
    return { features: f, classes: dataset.classes, x, y, isTest, bounds, classNames: dataset.classNames };
  }

  decisionBoundary(resolution = 100): DecisionBoundary | null {
    if (!this.compiled || !this.data || this.compiled.plan.inputFeatures !== 2) return null;
    return decisionBoundary(this.compiled.model, !!this.compiled.plan.lossNodeId, this.data.bounds, resolution, this.training.run?.step ?? 0);
  }

  // ── Training ────────────────────────────────────────────────────────────

  /**
   * Trains until the settings' epochs or target loss, a divergence, or stop(); reports
   * through `onProgress` at most 10 times a second. Resolves when training ends.
   */
  async train(onProgress: (p: TrainProgress) => void): Promise<TrainProgress['end']> {
    const doc = this.doc;
    const c = this.compiled;
    if (!doc || !c) throw new Error('The graph has errors; fix the problems listed under Messages first.');
    if (!c.plan.lossNodeId) throw new Error('Training needs a loss as the last node.');
    if (!this.data || this.dataDiagnostics.length) {
      throw new Error(`No data to train on: ${this.dataErrors[0]?.message ?? this.dataDiagnostics[0]?.message ?? 'the document has no training settings'}`);
    }
    this.invalidate();
    return this.training.start({ model: c.model, plan: c.plan, split: this.data.split, bounds: this.data.bounds, settings: doc.training!, seed: doc.seed }, onProgress);
  }

  pause(): void {
    this.training.pause();
  }

  resume(): void {
    this.training.resume();
  }

  /** The page is busy with a gesture (a drag, a pan): training rests two thirds of the time until it ends. */
  setCourteous(on: boolean): void {
    this.training.setCourteous(on);
  }

  stop(): void {
    this.training.stop();
  }

  /** Steps per second, or 'full'; applies to a run under way. */
  setSpeed(speed: TrainingSpeed): void {
    this.training.pace.set(speed);
  }

  // ── Weights ─────────────────────────────────────────────────────────────

  getWeights(): StoredWeights {
    if (!this.compiled) return {};
    return readModelWeights(this.compiled.model, this.compiled.plan);
  }

  /** Draws every layer's weights afresh from the document's seed and forgets the training run. */
  resetWeights(): void {
    if (!this.compiled || !this.doc) throw new Error('The graph has errors; fix the problems listed under Messages first.');
    this.training.stop();
    this.training.reset();
    const seed = this.doc.seed;
    this.compiled.plan.layers.forEach((pl, i) => {
      const fresh = buildLayer(pl, seed).params();
      this.compiled!.model.layers[i].params().forEach((p, k) => {
        p.value.data.set(fresh[k].value.data);
        p.grad.data.fill(0);
      });
    });
    this.invalidate();
  }

  exportOnnx(): Uint8Array {
    const { model, plan } = this.requireCompiled();
    return exportOnnx(model, { name: this.doc!.name, inputFeatures: plan.inputFeatures, layerNames: plan.layers.map((l) => l.nodeId), includeWeights: true });
  }

  exportPyTorch(includeWeights: boolean): string {
    const { model, plan } = this.requireCompiled();
    return exportPyTorch(model, { name: this.doc!.name, inputFeatures: plan.inputFeatures, layerNames: plan.layers.map((l) => l.nodeId), includeWeights });
  }

  private requireCompiled(): Compiled {
    if (!this.compiled || !this.doc) throw new Error('The graph has errors; fix the problems listed under Messages first.');
    return this.compiled;
  }

  /** A node's name as the user sees it (for messages). */
  describeNode(nodeId: string): string {
    const n = this.doc?.nodes.find((m) => m.id === nodeId);
    return n ? nodeName(n) : `'${nodeId}'`;
  }
}

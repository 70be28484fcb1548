import type { Sequential } from '../engine';
import { analyzeGraph, compileGraph, exportOnnx, exportPyTorch, nodeName, readModelWeights, type Diagnostic, type ModelDocument, type Plan, type StoredWeights } from '../model';
import type { CodeLayerFactory } from '../model';
import { createCodeLayerFactory, refuseCode } from './custom';
import { decisionBoundary, type DecisionBoundary } from './boundary';
import { GRADCHECK_THRESHOLD, GradientChecks, type GradcheckProgress } from './gradcheck-run';
import { jacobianStructure, type JacobianStructure, type JacobianWrt } from './jacobian';
import type { TrainingSpeed } from './pace';
import type { Trace } from './passes';
import type {
  BackwardReport,
  DatasetPoints,
  ForwardReport,
  GradcheckReport,
  JvpDirection,
  JvpReport,
  LoadResult,
  StepReport,
  StepStatus,
  TensorKind,
  TensorView,
  TrainProgress,
} from './protocol';
import { DataSession } from './session/data-session';
import { Stepper, type PassInputs } from './session/stepper';
import { jvpProbe } from './session/jvp-probe';
import { layerIndex, nodeTensor } from './session/tensors';
import { architectureOf, redrawWeights, WeightCarry } from './session/weight-carry';
import { Comparison, comparisonSetup, forwardGradientWalk, type CompareOptions, type CompareProgress, type CompareResult, type ForwardGradientWalk } from './compare';
import { Training } from './training';
import { imageReport, traceSample, type ImageReport, type SampleTrace } from './image-report';
import { boundaryResolution } from './arguments';
import { guardEntries } from './entry-guard';
import { DigitsProvider } from './digits-data';
import type { DigitsProgress } from './datasets/digits';
import { SERVICE_ENTRIES, type EngineServiceOptions, type LoadOptions } from './service-options';
import { learningRateOnlyChange } from './session/run-retune';

export { GRADCHECK_THRESHOLD };

export { SERVICE_ENTRIES, type EngineServiceOptions, type LoadOptions };

interface Compiled {
  model: Sequential;
  plan: Plan;
}

const GRAPH_HAS_ERRORS = 'The graph has errors; fix the problems listed under Messages first.';

/**
 * Everything the editor shows is computed here: compiling documents, forward and
 * backward passes (whole or one layer at a time), gradient checks, Jacobian structure,
 * training. A plain class, so Node tests drive it directly; the worker exposes it
 * through Comlink. A thin front: weights carry over loads in WeightCarry, the data lives
 * in a DataSession, passes in a Stepper, training in Training.
 */
export class EngineService {
  private doc: ModelDocument | null = null;
  private compiled: Compiled | null = null;
  private readonly data: DataSession;
  private readonly stepper = new Stepper();
  readonly training = new Training();
  private readonly checks = new GradientChecks();
  private readonly codeLayers = createCodeLayerFactory();
  private codeLayer: CodeLayerFactory = refuseCode;
  private comparison: Comparison | null = null;
  private lastLoad: LoadResult | null = null;

  constructor(options: EngineServiceOptions = {}) {
    this.data = new DataSession(new DigitsProvider(options.digits));
    // A call that failed half-way leaves no half-made pass behind: the next one starts clean.
    guardEntries(this, SERVICE_ENTRIES, () => this.invalidate());
  }

  // ── Documents ───────────────────────────────────────────────────────────

  load(doc: ModelDocument, options: LoadOptions = {}): LoadResult {
    const keep = (options.weights ?? 'keep') === 'keep';
    const previous = this.compiled;
    const carry = new WeightCarry(keep ? previous : null);
    const analysis = analyzeGraph(doc);
    this.codeLayer = options.runCode ? this.codeLayers : refuseCode;
    const result = compileGraph(keep ? carry.storedFallback(doc, analysis) : doc, analysis, { codeLayer: this.codeLayer });
    const architectureChanged = !previous || !result.ok || architectureOf(previous.plan) !== architectureOf(result.plan);
    // A paused run takes a new learning rate without stopping (see learningRateOnlyChange).
    const lr = this.training.state === 'paused' ? learningRateOnlyChange(this.doc?.training, doc.training) : null;
    const settingsChanged = (lr === null && JSON.stringify(this.doc?.training ?? null) !== JSON.stringify(doc.training ?? null)) || this.doc?.seed !== doc.seed;
    if (keep && previous && result.ok && !architectureChanged && !settingsChanged) {
      // Nothing the numbers depend on changed (a move, a rename, a breakpoint): keep the
      // model, its training run and its last pass as they are.
      this.doc = doc;
      this.training.retune(lr, doc.breakpoints);
      const plan = result.plan;
      this.compiled = { model: previous.model, plan };
      return this.loadResult(result.diagnostics, plan, plan.nodeShapes, plan.edgeShapes, plan.layers.filter((l) => l.paramCount > 0).map((l) => l.nodeId), null);
    }
    let trainingStopped: string | null = null;
    if (this.training.active) {
      trainingStopped = architectureChanged ? 'The architecture changed, so training stopped.' : keep ? 'The settings changed, so training stopped.' : 'A new model was opened, so training stopped.';
      this.training.stop();
    }
    this.comparison?.cancel();

    this.doc = doc;
    const kept = result.ok ? carry.apply(result.model, result.plan) : [];
    this.compiled = result.ok ? { model: result.model, plan: result.plan } : null;
    this.training.reset();
    this.data.prepare(doc, this.compiled?.plan ?? null);
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
    return (this.lastLoad = {
      ok: !!plan && this.data.fits,
      diagnostics,
      dataDiagnostics: this.data.diagnostics,
      dataErrors: this.data.errors,
      plan,
      nodeShapes,
      edgeShapes,
      keptWeights,
      trainingStopped,
      dataset: this.data.info(),
      // A run still winding down after a stop belongs to the model this load replaced.
      trainedSteps: this.training.run && this.training.run.model === this.compiled?.model ? this.training.run.step : 0,
      dataPending: this.data.pending,
    });
  }

  /**
   * Waits for data still on their way (the digits), reporting bytes as they arrive, then
   * prepares them for the current document and returns the load's result anew; null when
   * nothing was pending.
   */
  async awaitData(onProgress?: (p: DigitsProgress) => void): Promise<LoadResult | null> {
    if (!this.data.pending) return null;
    await this.data.digits.wait(onProgress);
    const last = this.lastLoad;
    if (!this.data.pending || !last) return null;
    this.data.prepare(this.doc, this.compiled?.plan ?? null, false);
    this.invalidate();
    return this.loadResult(last.diagnostics, last.plan, last.nodeShapes, last.edgeShapes, [], null);
  }

  /** The model or batch changed: the last pass no longer describes them. */
  private invalidate(): void {
    this.checks.cancel();
    this.stepper.reset();
  }

  private require(): PassInputs {
    if (!this.doc) throw new Error('No model is loaded yet.');
    if (!this.compiled) throw new Error(GRAPH_HAS_ERRORS);
    const batch = this.data.batch;
    if (!batch) throw new Error(`No batch to run: ${this.data.whyNoData()}`);
    if (this.training.running) throw new Error('Training is running; pause it first.');
    return { ...this.compiled, x: batch.x, y: batch.y };
  }

  setMode(mode: 'train' | 'eval'): void {
    if (mode !== this.stepper.mode) this.invalidate();
    this.stepper.mode = mode;
  }

  // ── Passes ──────────────────────────────────────────────────────────────

  forward(): ForwardReport {
    return this.stepper.forward(this.require());
  }

  backward(): BackwardReport {
    return this.stepper.backward(this.require());
  }

  // ── One layer at a time ─────────────────────────────────────────────────

  stepReset(): StepStatus {
    this.invalidate();
    return this.stepStatus();
  }

  stepStatus(): StepStatus {
    return this.stepper.status(this.compiled?.plan ?? null);
  }

  /**
   * Runs the next layer: forward through the chain, then backward in reverse (when the
   * chain ends in a loss). After the last step the state equals a full forward and
   * backward pass.
   */
  stepNext(): StepReport {
    return this.stepper.next(this.require(), () => this.invalidate());
  }

  // ── Looking inside ──────────────────────────────────────────────────────

  /** Makes sure a forward pass of the current batch stands behind the layers' state. */
  private ensureForward(): PassInputs & { trace: Trace } {
    const inputs = this.require();
    if (!this.stepper.hasForward(inputs.model)) this.stepper.forward(inputs);
    return { ...inputs, trace: this.stepper.trace! };
  }

  gradcheck(): GradcheckReport {
    const { model, plan, trace, y } = this.ensureForward();
    return this.checks.all(model, plan, trace.inputs, y);
  }

  /**
   * The gradient check with progress and Cancel, large tensors checked on a random sample
   * of entries (see GradcheckRun); null when cancelled (by cancelGradcheck, or by anything
   * that changes the model or the batch).
   */
  async checkGradients(onProgress?: (p: GradcheckProgress) => void): Promise<GradcheckReport | null> {
    const { model, plan, trace, y } = this.ensureForward();
    return this.checks.run(model, plan, trace.inputs, y, onProgress);
  }

  cancelGradcheck(): void {
    this.checks.cancel();
  }

  /** The compiled chain, or null while the graph has errors. */
  get plan(): Plan | null {
    return this.compiled?.plan ?? null;
  }

  jacobian(nodeId: string, wrt: JacobianWrt = 'input'): JacobianStructure {
    const { model, plan } = this.ensureForward();
    return jacobianStructure(model.layers[layerIndex(plan, nodeId)], wrt);
  }

  /** A tensor of a node at full resolution up to `maxSide` per side (the inspector's heatmaps). */
  tensor(nodeId: string, kind: TensorKind, maxSide = 256): TensorView | null {
    const at = this.ensureForward();
    return nodeTensor({ ...at, hasBackward: this.stepper.hasBackward }, nodeId, kind, maxSide);
  }

  /** J·v for a layer of the last pass beside its gᵀJ, with the dot-product identity (needs the backward pass down to it). */
  jvp(nodeId: string, direction: JvpDirection): JvpReport {
    const { model, plan, trace, y } = this.ensureForward();
    return jvpProbe(model, trace, y, layerIndex(plan, nodeId), nodeId, direction);
  }

  datasetPoints(): DatasetPoints | null {
    return this.data.points();
  }

  /** Predictions on the test images, the confusion matrix and the first layer's weights; null unless the data are square images. Allowed while training runs (it reads a copy). */
  imageReport(withImages = false): ImageReport | null {
    const data = this.data.data;
    if (!this.compiled || !data || this.data.diagnostics.length) return null;
    return imageReport(this.compiled.model, this.compiled.plan, data.split.test, this.training.run?.step ?? 0, withImages);
  }

  /** One test sample run alone through the current weights, forward and backward. */
  traceSample(testIndex: number): SampleTrace {
    const data = this.data.data;
    if (!this.compiled) throw new Error(GRAPH_HAS_ERRORS);
    if (!data || this.data.diagnostics.length) throw new Error(`No data to trace: ${this.data.whyNoData()}`);
    return traceSample(this.compiled.model, this.compiled.plan, data.split.test, testIndex);
  }

  decisionBoundary(resolution = 100): DecisionBoundary | null {
    const data = this.data.data;
    if (!this.compiled || !data || this.compiled.plan.inputFeatures !== 2) return null;
    return decisionBoundary(this.compiled.model, !!this.compiled.plan.lossNodeId, data.bounds, boundaryResolution(resolution)!, this.training.run?.step ?? 0);
  }

  // ── Training ────────────────────────────────────────────────────────────

  /**
   * Trains until the settings' epochs or target loss, a divergence, or stop(); reports
   * through `onProgress` at most 10 times a second. Resolves when training ends.
   */
  async train(onProgress: (p: TrainProgress) => void): Promise<TrainProgress['end']> {
    const doc = this.doc;
    const c = this.compiled;
    if (!doc || !c) throw new Error(GRAPH_HAS_ERRORS);
    if (!c.plan.lossNodeId) throw new Error('Training needs a loss as the last node.');
    const data = this.data.data;
    if (!data || this.data.diagnostics.length) throw new Error(`No data to train on: ${this.data.whyNoData()}`);
    if (this.comparison) throw new Error('A comparison of gradient estimators is running; stop it first.');
    this.invalidate();
    return this.training.start({ model: c.model, plan: c.plan, split: data.split, bounds: data.bounds, settings: doc.training!, seed: doc.seed, breakpoints: doc.breakpoints }, onProgress);
  }

  pause(): void {
    this.training.pause();
  }

  /**
   * Trains the document's model from its seed's initial weights with each estimator in turn
   * (see Comparison); the model on the canvas and its training run are left alone.
   */
  async compare(options: CompareOptions, onProgress: (p: CompareProgress) => void): Promise<CompareResult> {
    const doc = this.doc;
    if (!doc || !this.compiled) {
      // Code that is not running is the one problem the estimators cannot work around: say it.
      const code = this.lastLoad?.diagnostics.find((d) => d.severity === 'error' && d.field === 'code');
      throw new Error(code ? `Cannot compare: ${code.message}` : GRAPH_HAS_ERRORS);
    }
    const data = this.data.data;
    if (!data || this.data.diagnostics.length) throw new Error(`No data to compare on: ${this.data.whyNoData()}`);
    if (this.training.active) throw new Error('Training is running; stop it before comparing estimators.');
    if (this.comparison) throw new Error('A comparison is already running.');
    const run = (this.comparison = new Comparison());
    try {
      return await run.run(comparisonSetup(doc, data.split, this.codeLayer), options, onProgress);
    } finally {
      this.comparison = null;
    }
  }

  cancelCompare(): void {
    this.comparison?.cancel();
  }

  /** One forward-gradient step on the current batch, layer by layer, along the direction `seed` draws (the model is left alone). */
  forwardGradientStep(seed: number): ForwardGradientWalk {
    const { model, plan, x, y } = this.require();
    return forwardGradientWalk(model, plan, x, y, seed);
  }

  resume(): void {
    this.training.resume();
  }

  /** From a pause (a breakpoint's or the user's), one training step, then paused again. */
  trainStep(): void {
    this.training.stepOnce();
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
    const { model, plan } = this.requireCompiled();
    this.training.stop();
    this.training.reset();
    redrawWeights(model, plan, this.doc!.seed, this.codeLayer);
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
    if (!this.compiled || !this.doc) throw new Error(GRAPH_HAS_ERRORS);
    return this.compiled;
  }

  /** A node's name as the user sees it (for messages). */
  describeNode(nodeId: string): string {
    const n = this.doc?.nodes.find((m) => m.id === nodeId);
    return n ? nodeName(n) : `'${nodeId}'`;
  }
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ModelDocument } from '../model';
import { exampleDocument } from '../model/testing/parse-helpers';
import { ArgumentError, MAX_BOUNDARY_RESOLUTION } from './arguments';
import { EngineFailure } from './entry-guard';
import type { TrainProgress } from './protocol';
import { EngineService, SERVICE_ENTRIES } from './service';
import { TrainingRun } from './trainer';

/**
 * Bad calls and failing calls: every entry of the service checks its arguments and answers
 * in words, and an exception inside any call (training above all) leaves the service
 * usable, with no raw RangeError or TypeError text reaching the page.
 */

const spiral = (edit?: (d: ModelDocument) => void): ModelDocument => exampleDocument('spiral.json', edit);

const quiet = () => vi.spyOn(console, 'warn').mockImplementation(() => undefined);
afterEach(() => vi.restoreAllMocks());

const RAW = /RangeError|TypeError|Invalid typed array|Cannot read properties|is not a function|undefined \(reading/;

async function trainAll(s: EngineService) {
  const messages: TrainProgress[] = [];
  const end = (await s.train((p) => messages.push(p)))!;
  return { end, messages };
}

/** Loaded, trained briefly: what a user has after a few clicks. */
function ready(): EngineService {
  const s = new EngineService();
  expect(s.load(spiral((d) => (d.training!.epochs = 1))).ok).toBe(true);
  return s;
}

describe('EngineService: arguments', () => {
  // entry, arguments, what the message must say
  const bad: [string, string, unknown[], RegExp][] = [
    ['load(null)', 'load', [null], /^load\(\): the document cannot be loaded: Expected a model document .*got null/],
    ['load(undefined)', 'load', [undefined], /got nothing|got undefined/],
    ['load(42)', 'load', [42], /got the number 42/],
    ['load({ nodes: x, edges: [] })', 'load', [{ nodes: 'x', edges: [] }], /The list of nodes is missing/],
    ['load({ ...spiral(), seed: -1 })', 'load', [{ ...spiral(), seed: -1 }], /seed: must be a whole number from 0/],
    ['load(training.batch_size = 0)', 'load', [spiral((d) => (d.training!.batch_size = 0))], /Training setting batch_size: must be at least 1, got the number 0/],
    ['load(training.batch_size = -1)', 'load', [spiral((d) => (d.training!.batch_size = -1))], /batch_size: must be at least 1/],
    ['load(training.epochs = NaN)', 'load', [spiral((d) => (d.training!.epochs = NaN))], /Training setting epochs: expected a whole number|epochs/],
    ['load(training.epochs = -1)', 'load', [spiral((d) => (d.training!.epochs = -1))], /Training setting epochs: must be at least 1/],
    ['load(training.update_every = 0)', 'load', [spiral((d) => (d.training!.update_every = 0))], /Training setting update_every: must be at least 1/],
    ['load(optimizer.kind = lbfgs)', 'load', [spiral((d) => ((d.training!.optimizer as { kind: string }).kind = 'lbfgs'))], /optimizer.kind: must be one of "sgd", "momentum", "rmsprop", "adam"/],
    ['load(spiral(), { weights: all })', 'load', [spiral(), { weights: 'all' }], /load\(\): the options has weights the text 'all'; it must be 'keep' or 'document'/],
    ['setMode(inference)', 'setMode', ['inference'], /^setMode\(\): the mode must be 'train' or 'eval', got the text 'inference'\.$/],
    ['tensor(fc1, grad)', 'tensor', ['fc1', 'grad'], /the kind must be 'output', 'dOut'/],
    ['tensor(, output)', 'tensor', ['', 'output'], /the nodeId must be a node id/],
    ['tensor(fc1, output, -3)', 'tensor', ['fc1', 'output', -3], /the maxSide must be a whole number from 1 to 65,536, got -3/],
    ['jacobian(7)', 'jacobian', [7], /the nodeId must be a node id .*got 7/],
    ['decisionBoundary(-5)', 'decisionBoundary', [-5], /the resolution must be a whole number from 2 .*got -5/],
    ['decisionBoundary(NaN)', 'decisionBoundary', [NaN], /got NaN/],
    ['train(undefined)', 'train', [undefined], /the onProgress must be a function, got nothing/],
    ['checkGradients(yes)', 'checkGradients', ['yes'], /the onProgress must be a function/],
    ['setCourteous(on)', 'setCourteous', ['on'], /the on must be true or false/],
    ['setSpeed(0)', 'setSpeed', [0], /the training speed must be 'full' or a number of steps per second from 0.1 to 1000, got 0/],
    ['setSpeed(Infinity)', 'setSpeed', [Infinity], /got Infinity/],
    ['setSpeed(fast)', 'setSpeed', ['fast'], /got the text 'fast'/],
    ['exportPyTorch(no)', 'exportPyTorch', ['no'], /the includeWeights must be true or false/],
    ['describeNode({})', 'describeNode', [{}], /the nodeId must be a node id/],
    ['compare(null)', 'compare', [null, () => undefined], /^compare\(\): the options must be an object with estimators/],
    ['compare(steps: 0)', 'compare', [{ estimators: [{ kind: 'backprop' }], steps: 0, timeBudgetMs: 1000, targetLoss: 0 }, () => undefined], /has steps 0; it must be a whole number from 1/],
    ['forward(1)', 'forward', [1], /^forward\(\) takes no arguments, got 1\.$/],
    ['awaitData(5)', 'awaitData', [5], /^awaitData\(\): the onProgress must be a function, got 5\.$/],
    ['imageReport(yes)', 'imageReport', ['yes'], /^imageReport\(\): the withImages must be true or false/],
    ['traceSample(-1)', 'traceSample', [-1], /^traceSample\(\): the testIndex must be a whole number from 0/],
    ['traceSample(1.5)', 'traceSample', [1.5], /the testIndex must be a whole number/],
    ['jvp(fc1, up)', 'jvp', ['fc1', 'up'], /^jvp\(\): the direction must be \{ kind: 'random', seed \}/],
    ['jvp(fc1, basis -1)', 'jvp', ['fc1', { kind: 'basis', index: -1 }], /the direction must be/],
    ['jvp(, random)', 'jvp', ['', { kind: 'random', seed: 1 }], /the nodeId must be a node id/],
    ['forwardGradientStep(NaN)', 'forwardGradientStep', [NaN], /^forwardGradientStep\(\): the seed must be a whole number from 0 to 4,294,967,295, got NaN\.$/],
  ];

  it.each(bad)('%s is refused with an ArgumentError', async (_label, entry, args, message) => {
    const s = ready();
    const call = () => (s as unknown as Record<string, (...a: unknown[]) => unknown>)[entry](...args);
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(RAW);
    // Refused before it ran: the service works on.
    expect(s.forward().loss).toBeGreaterThan(0);
  });

  it('covers every entry, and accepts what the page sends', async () => {
    const s = ready();
    const tested = new Set(bad.map(([, e]) => e));
    const noArgs = SERVICE_ENTRIES.filter((e) => !tested.has(e));
    for (const entry of noArgs) {
      const call = () => (s as unknown as Record<string, (...a: unknown[]) => unknown>)[entry]('surplus');
      expect(call, entry).toThrow(/takes no arguments/);
    }
    s.setMode('eval');
    s.setSpeed(2);
    s.setSpeed('full');
    s.setCourteous(false);
    expect(s.tensor('fc1', 'w', 16)).not.toBeNull();
    expect(s.describeNode('fc1')).toMatch(/fc1/);
    expect(s.exportPyTorch(false)).toMatch(/nn\.Linear/);
    expect(await s.awaitData()).toBeNull();
    expect(s.imageReport()).toBeNull();
    s.backward();
    expect(s.jvp('fc1', { kind: 'basis', index: 0 })).toBeTruthy();
    expect(s.forwardGradientStep(7)).toBeTruthy();
    expect(s.traceSample(0)).toBeTruthy();
    // A sample past the test set's end is named in words, not an internal error.
    expect(() => s.traceSample(100_000)).toThrow(/^There is no sample 100000: the set has 90\.$/);
  });

  it('draws a boundary asked at 3,000 cells a side at the finest grid it offers', () => {
    const s = ready();
    const b = s.decisionBoundary(3000)!;
    expect(b.resolution).toBe(MAX_BOUNDARY_RESOLUTION);
    expect(b.classes).toHaveLength(MAX_BOUNDARY_RESOLUTION ** 2);
    // 9 million cells would take the worker many seconds; the cap keeps it to 90,000.
    expect(MAX_BOUNDARY_RESOLUTION ** 2).toBeLessThanOrEqual(90_000);
  });
});

describe('EngineService: a failure inside a call', () => {
  it('ends a run that throws as failed, in words, and trains, loads and passes again afterwards', async () => {
    quiet();
    const s = ready();
    const real = TrainingRun.prototype.runStep;
    let calls = 0;
    vi.spyOn(TrainingRun.prototype, 'runStep').mockImplementation(function (this: TrainingRun) {
      if (++calls === 5) throw new RangeError('Invalid typed array length: 10000000000');
      return real.call(this);
    });
    const { end, messages } = await trainAll(s);
    expect(end.reason).toBe('failed');
    expect(end.message).toMatch(/^Training failed at step 4: the model, its batch or its dataset needs more memory than this tab has\./);
    expect(end.message).not.toMatch(RAW);
    expect(messages.at(-1)).toMatchObject({ state: 'failed', end });
    expect(s.training.state).toBe('failed');
    expect(s.training.active).toBe(false);

    // Nothing answers "Training is running" any more.
    expect(s.forward().loss).toBeGreaterThan(0);
    vi.mocked(TrainingRun.prototype.runStep).mockRestore();
    const again = await trainAll(s);
    expect(again.end.reason).toBe('finished');
    expect(s.load(spiral((d) => (d.training!.optimizer.lr = 0.001))).ok).toBe(true);
    expect((await trainAll(s)).end.reason).toBe('finished');
  });

  it('ends as failed when the run cannot even be set up', async () => {
    quiet();
    const s = ready();
    vi.spyOn(TrainingRun.prototype, 'runStep').mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'step')");
    });
    const { end } = await trainAll(s);
    expect(end).toMatchObject({ reason: 'failed', step: 0 });
    expect(end.message).toMatch(/internal error .*Your model is unchanged/);
    expect(end.message).not.toMatch(RAW);
    vi.mocked(TrainingRun.prototype.runStep).mockRestore();
    expect((await trainAll(s)).end.reason).toBe('finished');
  });

  it('translates an exception in any pass, and the next call starts clean', () => {
    quiet();
    const s = ready();
    s.forward();
    // A layer that throws half-way through a backward pass.
    const model = (s as unknown as { compiled: { model: { layers: { backward: (...a: unknown[]) => unknown }[] } } }).compiled.model;
    const layer = model.layers[1];
    const backward = layer.backward;
    layer.backward = () => {
      throw new RangeError('Array buffer allocation failed');
    };
    let error: unknown;
    try {
      s.backward();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineFailure);
    expect((error as Error).message).toMatch(/^The backward pass failed: the model, its batch or its dataset needs more memory/);
    layer.backward = backward;
    expect(Object.keys(s.backward().nodes)).toContain('fc1');
    expect(s.stepStatus().position).toBeGreaterThan(0);
  });

  it('refuses in words to step through a graph that is only an Input, and steps again once it has layers', () => {
    const warn = quiet();
    const s = new EngineService();
    const only = spiral((d) => {
      d.nodes = d.nodes.filter((n) => n.id === 'input');
      d.edges = [];
    });
    expect(s.load(only).ok).toBe(true);
    expect(s.stepStatus()).toEqual({ position: 0, total: 0, next: null });
    expect(() => s.stepNext()).toThrow(/^There is no layer to step through: connect a layer after the Input\.$/);
    expect(() => s.stepNext()).toThrow(/no layer to step through/);
    expect(warn).not.toHaveBeenCalled();
    expect(s.load(spiral()).ok).toBe(true);
    expect(s.stepNext()).toMatchObject({ phase: 'forward', index: 1, nodeId: 'fc1' });
  });

  it("keeps the engine's own refusals as they are", () => {
    const s = new EngineService();
    expect(() => s.forward()).toThrow('No model is loaded yet.');
    expect(() => s.jacobian('nowhere')).toThrow(/No model is loaded yet/);
  });

  it('refuses the 10-billion-value reproducer by its size, and trains the next model', async () => {
    const s = new EngineService();
    const huge = spiral((d) => {
      const fc1 = d.nodes.find((n) => n.id === 'fc1')!;
      (fc1.params as Record<string, number>).out_features = 1_000_000;
      (d.nodes.find((n) => n.id === 'fc2')!.params as Record<string, number>).in_features = 1_000_000;
    });
    const t = performance.now();
    const r = s.load(huge);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message).join(' ')).toMatch(/limit/);
    await expect(s.train(() => undefined)).rejects.toThrow(/fix the problems/);
    expect(s.load(spiral((d) => (d.training!.epochs = 1))).ok).toBe(true);
    expect((await trainAll(s)).end.reason).toBe('finished');
  });
});

import { ArgumentError, checkArguments } from './arguments';

/**
 * A call of the engine that failed for a reason the user can act on, said in words. The
 * raw error (a RangeError from a typed array, a TypeError from a bug) goes to the console
 * as a warning for whoever debugs; the page shows only this.
 */
export class EngineFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineFailure';
  }
}

const BUILT_IN = [RangeError, TypeError, ReferenceError, SyntaxError, EvalError, URIError];

/**
 * True for an error the engine did not mean to raise: a built-in error type, or something
 * thrown that is not an Error at all. The engine's own refusals are plain Errors (or
 * ArgumentErrors) whose message is written for the user.
 */
export function isUnexpected(e: unknown): boolean {
  if (e instanceof ArgumentError || e instanceof EngineFailure) return false;
  if (!(e instanceof Error)) return true;
  return BUILT_IN.some((T) => e instanceof T) || e.name === 'DataCloneError';
}

const MEMORY = /typed array length|array buffer allocation|allocation failed|invalid array length|out of memory|maximum call stack|invalid string length/i;

/** Why an unexpected error stopped something, in the user's terms. */
export function failureReason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (MEMORY.test(text)) return 'the model, its batch or its dataset needs more memory than this tab has. Make the layers, the batch or the dataset smaller';
  return 'the engine met an internal error (details are in the browser console). Your model is unchanged; try again, or reload the page if it persists';
}

const WHAT: Record<string, string> = {
  load: 'Loading the model',
  forward: 'The forward pass',
  backward: 'The backward pass',
  stepNext: 'The step',
  gradcheck: 'The gradient check',
  checkGradients: 'The gradient check',
  jacobian: 'The Jacobian',
  tensor: 'Reading the tensor',
  datasetPoints: 'Reading the dataset',
  decisionBoundary: 'The decision boundary',
  train: 'Training',
  resetWeights: 'Resetting the weights',
  exportOnnx: 'The ONNX export',
  exportPyTorch: 'The PyTorch export',
  getWeights: 'Reading the weights',
  awaitData: 'Loading the data',
  imageReport: 'The test digits report',
  traceSample: 'Tracing the sample',
  jvp: 'The forward-mode probe',
  forwardGradientStep: 'The forward-gradient step',
};

/** The error the caller sees: the engine's own messages as they are, anything else in words. */
export function translateError(entry: string, e: unknown): Error {
  if (!isUnexpected(e)) return e as Error;
  return new EngineFailure(`${WHAT[entry] ?? `${entry}()`} failed: ${failureReason(e)}.`);
}

/**
 * Wraps each named method of `target` (own property, bound to it): arguments are checked
 * first (ArgumentError), and an unexpected error thrown or rejected by the call is logged,
 * translated (EngineFailure) and followed by `recover(entry)`, which puts the target back
 * into a state every call works from.
 */
export function guardEntries<T extends object>(target: T, entries: readonly string[], recover: (entry: string) => void): void {
  const table = target as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const entry of entries) {
    const fn = table[entry];
    if (typeof fn !== 'function') throw new Error(`guardEntries: ${entry} is not a method`);
    const fail = (e: unknown): Error => {
      const error = translateError(entry, e);
      if (error !== e) {
        console.warn(`Backprop Studio engine: ${entry}() failed`, e);
        try {
          recover(entry);
        } catch (again) {
          console.warn('Backprop Studio engine: recovering failed too', again);
        }
      }
      return error;
    };
    table[entry] = (...args: unknown[]) => {
      checkArguments(entry, args);
      let result: unknown;
      try {
        result = fn.apply(target, args);
      } catch (e) {
        throw fail(e);
      }
      return result instanceof Promise ? result.catch((e: unknown) => Promise.reject(fail(e))) : result;
    };
  }
}

import { checkModelObject, quoteText } from '../model';
import { MAX_STEPS_PER_SECOND, MIN_STEPS_PER_SECOND } from './pace';

/**
 * What every call of the engine service accepts, checked before the call runs: the page
 * is trusted, but the worker's calls are an API, and a bad argument must get a sentence
 * saying which call, which argument and what was expected — never a RangeError from deep
 * inside a typed array.
 */
export class ArgumentError extends Error {
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArgumentError';
  }
}

/** The finest decision-boundary grid drawn (cells per side): a larger one is drawn at this. */
export const MAX_BOUNDARY_RESOLUTION = 300;
/** Largest side asked of a tensor view (a view is never larger than its tensor, so this only bounds nonsense). */
export const MAX_TENSOR_SIDE = 65_536;
const TENSOR_KINDS = ['output', 'dOut', 'dIn', 'w', 'b', 'dw', 'db'];

/** A value as a message shows it: short, quoted when it is text. */
export function describeArgument(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `the text ${quoteText(v)}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : `${v}`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return `a list of ${v.length} items`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

type Check = (value: unknown) => string | null;

const oneOf =
  (...allowed: unknown[]): Check =>
  (v) =>
    allowed.includes(v) ? null : `must be ${allowed.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ').replace(/, ([^,]*)$/, ' or $1')}`;
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined ? null : check(v);
const isFunction: Check = (v) => (typeof v === 'function' ? null : 'must be a function');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const isId: Check = (v) => (typeof v === 'string' && v.length > 0 && v.length <= 128 ? null : 'must be a node id (text of 1 to 128 characters)');
const wholeNumber =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be a whole number from ${min} to ${max.toLocaleString('en-US')}`;
const speed: Check = (v) =>
  v === 'full' || (typeof v === 'number' && Number.isFinite(v) && v >= MIN_STEPS_PER_SECOND && v <= MAX_STEPS_PER_SECOND)
    ? null
    : `must be 'full' or a number of steps per second from ${MIN_STEPS_PER_SECOND} to ${MAX_STEPS_PER_SECOND}`;
const loadOptions: Check = (v) => {
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return "must be an object such as { weights: 'keep' }";
  const w = (v as { weights?: unknown }).weights;
  return w === undefined || w === 'keep' || w === 'document' ? null : `has weights ${describeArgument(w)}; it must be 'keep' or 'document'`;
};

const compareOptions: Check = (v) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'must be an object with estimators, steps, timeBudgetMs and targetLoss';
  const o = v as Record<string, unknown>;
  if (!Array.isArray(o.estimators) || o.estimators.length === 0 || o.estimators.length > 16) return 'must list 1 to 16 estimators';
  if (!(typeof o.steps === 'number' && Number.isInteger(o.steps) && o.steps >= 1 && o.steps <= 1_000_000)) return `has steps ${describeArgument(o.steps)}; it must be a whole number from 1 to 1,000,000`;
  if (!(typeof o.timeBudgetMs === 'number' && o.timeBudgetMs > 0 && o.timeBudgetMs <= 3_600_000)) return `has timeBudgetMs ${describeArgument(o.timeBudgetMs)}; it must be a number of milliseconds above 0, at most an hour`;
  if (!(typeof o.targetLoss === 'number' && Number.isFinite(o.targetLoss) && o.targetLoss >= 0)) return `has targetLoss ${describeArgument(o.targetLoss)}; it must be a number from 0 up`;
  return null;
};

const jvpDirection: Check = (v) => {
  const d = v as { kind?: unknown; seed?: unknown; index?: unknown } | null;
  if (d !== null && typeof d === 'object' && d.kind === 'random' && wholeNumber(0, 2 ** 32 - 1)(d.seed) === null) return null;
  if (d !== null && typeof d === 'object' && d.kind === 'basis' && wholeNumber(0)(d.index) === null) return null;
  return "must be { kind: 'random', seed } with a whole-number seed or { kind: 'basis', index } with a whole-number index";
};

/** Each entry's arguments by position: a name (for the message) and its check. */
const ENTRIES: Record<string, [string, Check][]> = {
  load: [
    ['document', () => null], // checked by checkModelObject, with the document reader's messages
    ['options', loadOptions],
  ],
  setMode: [['mode', oneOf('train', 'eval')]],
  tensor: [
    ['nodeId', isId],
    ['kind', oneOf(...TENSOR_KINDS)],
    ['maxSide', optional(wholeNumber(1, MAX_TENSOR_SIDE))],
  ],
  jacobian: [
    ['nodeId', isId],
    ['wrt', optional((v) => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? null : "must be 'input' or a parameter's name"))],
  ],
  decisionBoundary: [['resolution', optional(wholeNumber(2, Number.MAX_SAFE_INTEGER))]],
  train: [['onProgress', isFunction]],
  checkGradients: [['onProgress', optional(isFunction)]],
  setCourteous: [['on', isBoolean]],
  setSpeed: [['training speed', speed]],
  exportPyTorch: [['includeWeights', isBoolean]],
  describeNode: [['nodeId', isId]],
  compare: [
    ['options', compareOptions],
    ['onProgress', isFunction],
  ],
  awaitData: [['onProgress', optional(isFunction)]],
  imageReport: [['withImages', optional(isBoolean)]],
  traceSample: [['testIndex', wholeNumber(0)]],
  jvp: [
    ['nodeId', isId],
    ['direction', jvpDirection],
  ],
  forwardGradientStep: [['seed', wholeNumber(0, 2 ** 32 - 1)]],
};

/** The service's calls that take arguments; the others take none and are checked for that. */
export const ENTRIES_WITH_ARGUMENTS = Object.keys(ENTRIES);

/** Throws an ArgumentError naming the first argument of `entry` that is out of bounds. */
export function checkArguments(entry: string, args: readonly unknown[]): void {
  const spec = ENTRIES[entry] ?? [];
  if (args.length > spec.length && args.slice(spec.length).some((a) => a !== undefined)) {
    throw new ArgumentError(entry, `${entry}() takes ${spec.length ? `at most ${spec.length} argument${spec.length === 1 ? '' : 's'}` : 'no arguments'}, got ${args.length}.`);
  }
  spec.forEach(([name, check], i) => {
    const why = check(args[i]);
    if (why) throw new ArgumentError(entry, `${entry}(): the ${name} ${why}, got ${describeArgument(args[i])}.`);
  });
  if (entry === 'load') {
    const problems = checkModelObject(args[0]);
    if (problems.length) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
      throw new ArgumentError(entry, `load(): the document cannot be loaded: ${problems[0].message}${more}`);
    }
  }
}

/** A boundary asked for at a finer grid than is worth drawing is drawn at the finest one. */
export function boundaryResolution(resolution: number | undefined): number | undefined {
  return resolution === undefined ? undefined : Math.min(resolution, MAX_BOUNDARY_RESOLUTION);
}

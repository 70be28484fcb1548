import { getFormattedTokens, transform } from 'sucrase';
import { AllocationBudget, CodeTensor, tensorFactories } from './code-tensor';

/**
 * Turns a custom layer's source (JavaScript, or TypeScript whose types are stripped by
 * sucrase, which keeps line numbers) into a class. The code runs as the body of a strict
 * function whose parameters shadow the worker's globals that reach outside (network,
 * storage, messaging, timers), and which receives only the tensor API. Shadowing is not a
 * wall (`(() => {}).constructor` still reaches the global Function), so the worker's global
 * scope and its realm are locked down as well (`lockDownWorkerScope`, `hardenRealm`: no
 * string becomes code, shared prototypes are frozen), `import` is refused in the source, and
 * calls run under a client-side time budget.
 */

/**
 * The Function constructor, taken when this module loads: the worker's lockdown then makes
 * every other way to compile a string throw (see harden-realm.ts), so this is the only one.
 */
const CompileFunction = Function;

/** A problem in the code, located at a 1-based line and column of the user's text. */
export class CodeError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
    this.name = 'CodeError';
  }

  get where(): string {
    return this.line === null ? '' : `line ${this.line}${this.column === null ? '' : `, column ${this.column}`}`;
  }
}

/** Globals the code must not see: each is a parameter of the wrapping function, left undefined. */
export const SHADOWED_GLOBALS = [
  'self',
  'globalThis',
  'window',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'importScripts',
  'postMessage',
  'close',
  'addEventListener',
  'removeEventListener',
  'indexedDB',
  'caches',
  'localStorage',
  'sessionStorage',
  'BroadcastChannel',
  'MessageChannel',
  'Worker',
  'SharedWorker',
  'navigator',
  'location',
  'setTimeout',
  'setInterval',
  'queueMicrotask',
  'Function',
  'WebAssembly',
  'SharedArrayBuffer',
  'Atomics',
] as const;

/** What the code's class may use: `this.param(name, initial)` declares a trainable tensor. */
export class CodeLayerBase {
  /** @internal */ readonly __params: { name: string; value: CodeTensor; grad: CodeTensor }[] = [];

  param(name: string, initial: CodeTensor): { name: string; value: CodeTensor; grad: CodeTensor } {
    if (typeof name !== 'string' || !/^[A-Za-z_]\w{0,31}$/.test(name)) throw new Error(`a parameter's name is an identifier, got ${JSON.stringify(name)}`);
    if (!(initial instanceof CodeTensor)) throw new Error(`param('${name}', …) needs a tensor as its initial value, e.g. randn([outFeatures, inFeatures], 0.1)`);
    if (this.__params.some((p) => p.name === name)) throw new Error(`the parameter '${name}' is declared twice`);
    const p = { name, value: initial, grad: initial.map(() => 0) };
    this.__params.push(p);
    return p;
  }
}

export interface CompiledCode {
  /** The user's class (a subclass of CodeLayerBase with forward and backward). */
  readonly LayerClass: new (inFeatures: number, outFeatures: number) => CodeLayerBase & Record<string, unknown>;
  readonly name: string;
  readonly hasJvp: boolean;
  /** The allocation budget the code's factories draw on; the layer resets it per call. */
  readonly budget: AllocationBudget;
}

/** Lines the Function constructor puts before the body (`function anonymous(…\n) {\n`). */
const HEADER_LINES = 2;

/** The line and column of the innermost frame of the code in an error's stack, in the user's text. */
export function locateError(e: unknown): { line: number | null; column: number | null } {
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const m = /<anonymous>:(\d+):(\d+)/.exec(stack);
  if (!m) return { line: null, column: null };
  return { line: Math.max(1, Number(m[1]) - HEADER_LINES), column: Number(m[2]) };
}

/** A thrown value as a CodeError, located in the user's text when its stack says where. */
export function toCodeError(e: unknown, prefix = ''): CodeError {
  if (e instanceof CodeError) return prefix ? new CodeError(prefix + e.message, e.line, e.column) : e;
  const { line, column } = locateError(e);
  const text = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : `threw ${String(e)}`;
  return new CodeError(prefix + text, line, column);
}

const MAX_CODE_LENGTH = 50_000;

export function stripTypes(source: string): string {
  try {
    return transform(source, { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\(\d+:\d+\)$/, '');
    throw new CodeError(`Syntax error: ${message}`, loc ? loc.line : null, loc ? loc.column : null);
  }
}

/**
 * Refuses `import(…)` (and a static import), located: it would load code from anywhere, and it
 * is syntax, which no shadowed parameter hides. Found among sucrase's tokens of the code
 * (so not in strings, comments or property names like `x.import`).
 */
export function refuseImports(js: string): void {
  let tokens: string;
  try {
    tokens = getFormattedTokens(js, { transforms: [] });
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    throw new CodeError(`Syntax error: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\(\d+:\d+\)$/, '')}`, loc ? loc.line : null, loc ? loc.column : null);
  }
  // One token a line: "line:col-line:col  label  raw …"; the keyword's label is `import`.
  const m = /^(\d+):(\d+)-\S+\s+import\s/m.exec(tokens);
  if (m) throw new CodeError('A custom layer cannot import: `import` would load code from elsewhere. Everything the code may use is in scope already (Layer, the tensor functions, Math).', Number(m[1]), Number(m[2]));
}

/** Compiles the code into its layer class, or throws a CodeError saying where it is wrong. */
export function compileCode(source: string): CompiledCode {
  if (typeof source !== 'string' || !source.trim()) throw new CodeError('The code is empty: it should declare `export default class … extends Layer` with forward and backward.', 1, 1);
  if (source.length > MAX_CODE_LENGTH) throw new CodeError(`The code is ${source.length} characters long; a custom layer is at most ${MAX_CODE_LENGTH}.`, null, null);
  const js = stripTypes(source);
  const exported = /^([ \t]*)export\s+default\s+/m;
  refuseImports(js);
  if (!exported.test(js)) throw new CodeError('The code declares no layer: write `export default class MyLayer extends Layer { … }`.', null, null);
  const body = '"use strict";' + js.replace(exported, '$1__layer.default = ');
  const budget = new AllocationBudget();
  const api = { Layer: CodeLayerBase, ...tensorFactories(budget), Math };
  const names = [...SHADOWED_GLOBALS, ...Object.keys(api), '__layer'];
  let fn: (...args: unknown[]) => void;
  try {
    // The one place user code becomes a function: only ever called in the engine worker.
    fn = new CompileFunction(...names, body) as typeof fn;
  } catch (e) {
    throw new CodeError(`Syntax error: ${e instanceof Error ? e.message : String(e)}`, null, null);
  }
  const out: { default?: unknown } = {};
  try {
    fn(...SHADOWED_GLOBALS.map(() => undefined), ...Object.values(api), out);
  } catch (e) {
    throw toCodeError(e, 'While defining the layer: ');
  }
  const C = out.default as { prototype: unknown; name?: string } | undefined;
  if (typeof C !== 'function' || !(C.prototype instanceof CodeLayerBase)) {
    throw new CodeError('The default export must be a class that extends Layer: `export default class MyLayer extends Layer { … }`.', null, null);
  }
  const proto = C.prototype as unknown as Record<string, unknown>;
  for (const m of ['forward', 'backward']) {
    if (typeof proto[m] !== 'function') throw new CodeError(`The layer class has no ${m}() method.`, null, null);
  }
  return { LayerClass: C as CompiledCode['LayerClass'], name: C.name || 'Custom', hasJvp: typeof proto.jvp === 'function', budget };
}

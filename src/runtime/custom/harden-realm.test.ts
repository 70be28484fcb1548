import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CODE_TEMPLATES } from '../../model/kinds/custom-templates';

/**
 * The lockdown runs on a realm's own intrinsics, so it is tested in a realm of its own: the
 * runtime's custom-code modules and the engine are bundled and evaluated in a fresh Node
 * `vm` context standing in for the worker, with a recording `fetch`, `postMessage` and a
 * `setTimeout` that compiles strings as a worker's does. Each escape is tried by code that
 * calls fetch if it gets that far; a context that is not locked down shows the test can fail.
 */
const here = dirname(fileURLToPath(import.meta.url));
let bundle: string;

beforeAll(() => {
  // As the worker's entry: zod's parsers interpret (they are built before the lockdown).
  const entry = `
    import './interpreted-parsers';
    export { lockDownWorkerScope } from './lockdown';
    export { createCodeLayerFactory } from './code-layers';
    export { Tensor, createRng, Sequential, Linear, CrossEntropyLoss, MomentumSGD } from '../../engine';
    export { parseModelDocument } from '../../model';
  `;
  const out = buildSync({ stdin: { contents: entry, resolveDir: here, loader: 'ts' }, bundle: true, format: 'iife', globalName: 'runtime', platform: 'browser', write: false, logLevel: 'silent' });
  bundle = out.outputFiles[0].text;
}, 60_000);

interface Realm {
  run<T = unknown>(code: string): T;
  fetched: string[];
  posted: unknown[];
}

function realm(lockDown: boolean): Realm {
  const fetched: string[] = [];
  const posted: unknown[] = [];
  const sandbox: Record<string, unknown> = {
    fetch: (url: unknown) => fetched.push(String(url)),
    postMessage: (m: unknown) => posted.push(m),
    setTimeout: (handler: unknown) => (typeof handler === 'string' ? vm.runInContext(handler, context) : (handler as () => void)()),
    setInterval: () => 0,
    // What the bundle uses of the platform at load time.
    TextEncoder,
    TextDecoder,
  };
  const context = vm.createContext(sandbox);
  vm.runInContext(bundle, context);
  if (lockDown) vm.runInContext('runtime.lockDownWorkerScope(globalThis)', context);
  return { run: (code) => vm.runInContext(code, context), fetched, posted };
}

/** Builds a Custom layer in the realm (compile, construct, forward and backward on a probe); its error message, or null. */
function build(r: Realm, code: string): string | null {
  (r.run('globalThis') as Record<string, unknown>).__code = code;
  return r.run(`(() => { try { runtime.createCodeLayerFactory()(__code, 2, 2, 1); return null; } catch (e) { return String(e.message); } })()`);
}

const inForward = (body: string) => `export default class Escape extends Layer {
  forward(x) {
    ${body}
    return x;
  }
  backward(dout) { return dout; }
}`;

/** Each reaches for the global object or the network another way, and fetches if it gets there. */
const ESCAPES: Record<string, string> = {
  'the prototype of self': "Object.getPrototypeOf(self).fetch('/steal');",
  'globalThis.constructor.prototype': "globalThis.constructor.prototype.fetch.call(globalThis, '/steal');",
  'this of a sloppy-looking function': "(function () { return this; })().fetch('/steal');",
  'Function by name': "Function('return this')().fetch('/steal');",
  'the Function constructor through an array': "[].constructor.constructor('return fetch')()('/steal');",
  'the Function constructor through a method': "x.map.constructor('return this')().fetch('/steal');",
  'the async function constructor': "(async () => {}).constructor('fetch(\"/steal\")')();",
  'the generator function constructor': "(function* () {}).constructor('fetch(\"/steal\")')().next();",
  'indirect eval': "(0, eval)('this').fetch('/steal');",
  'setTimeout with a string': "setTimeout('fetch(\"/steal\")', 0);",
  'import()': "import('data:text/javascript,fetch(\"/steal\")');",
  'the shared tensor class': "Object.getPrototypeOf(x).toEngine = () => fetch('/steal');",
};

/**
 * Each changes a shared object so that the runtime's own later use of it would call into the
 * code (Comlink calls `method.apply(…)` with the service, which holds the worker's fetch). The
 * second string tells, in the realm, whether the change took.
 */
const POLLUTIONS: Record<string, [code: string, took: string]> = {
  'Array.prototype.map': ["Array.prototype.map = function () { return 'POLLUTED'; };", "String(Array.prototype.map).includes('POLLUTED')"],
  'Function.prototype.apply': ["Object.getPrototypeOf(() => {}).apply = function () { return 'POLLUTED'; };", "String(Function.prototype.apply).includes('POLLUTED')"],
  'an Object.prototype getter': ["Object.defineProperty(Object.prototype, 'leak', { get() { return 'POLLUTED'; } });", "'leak' in Object.prototype"],
  'Array.prototype[Symbol.iterator]': ["Array.prototype[Symbol.iterator] = function* () { yield 'POLLUTED'; };", "String(Array.prototype[Symbol.iterator]).includes('POLLUTED')"],
  'JSON.stringify': ["JSON.stringify = () => 'POLLUTED';", "String(JSON.stringify).includes('POLLUTED')"],
  'the prototype of Map.prototype': ["Object.setPrototypeOf(Map.prototype, { get: () => 'POLLUTED' });", 'Object.getPrototypeOf(Map.prototype) !== Object.prototype'],
  'a typed array method': ["Float32Array.prototype.fill = () => 'POLLUTED';", "String(Float32Array.prototype.fill).includes('POLLUTED')"],
};

describe('the locked-down realm', () => {
  for (const [name, [code, took]] of Object.entries(POLLUTIONS)) {
    it(`keeps ${name} as it is, and says why the code failed`, () => {
      const r = realm(true);
      expect(build(r, inForward(code)), name).toMatch(/Cannot (assign|define|add|redefine)|not extensible|read[- ]only/i);
      expect(r.run(took)).toBe(false);
    });
  }

  it('without the lockdown, the same changes take (so these tests can fail)', () => {
    for (const [name, [code, took]] of Object.entries(POLLUTIONS)) {
      const r = realm(false);
      // The change may already break the runtime's next step (the iterator's does): it took.
      build(r, inForward(code));
      expect(r.run(took), name).toBe(true);
    }
  });

  it('leaves the typed arrays fast: their prototypes take no new property, only `constructor` stays writable', () => {
    const r = realm(true);
    expect(r.run('Object.isFrozen(Object.prototype) && Object.isFrozen(Array.prototype) && Object.isFrozen(Function.prototype)')).toBe(true);
    expect(r.run("Object.isExtensible(Float32Array.prototype) || Object.getOwnPropertyDescriptor(Float32Array.prototype, 'BYTES_PER_ELEMENT').configurable")).toBe(false);
    expect(r.run("Object.getOwnPropertyDescriptor(Float32Array.prototype, 'constructor').writable")).toBe(true);
  });

  for (const [name, body] of Object.entries(ESCAPES)) {
    it(`contains ${name}, and reports it`, () => {
      const r = realm(true);
      const error = build(r, inForward(body));
      expect(error, name).toMatch(/\S/);
      expect(r.fetched).toEqual([]);
      expect(r.run('Object.prototype.leak === undefined && globalThis.stolen === undefined')).toBe(true);
    });
  }

  it('refuses import() in the source, where it stands', () => {
    const error = build(realm(true), inForward("import('./x.js');"));
    expect(error).toMatch(/^line 3, column 5: A custom layer cannot import/);
  });

  it('says why a string does not compile', () => {
    expect(build(realm(true), inForward("[].constructor.constructor('return 1')();"))).toMatch(/compiling code from a string is not available/);
    const r = realm(true);
    expect(() => r.run("setTimeout('1', 0)")).toThrow(/compiling code from a string/);
    expect(r.run('let ran = false; setTimeout(() => { ran = true; }, 0); ran')).toBe(true);
  });

  it('without the lockdown, the same code gets out (so these tests can fail)', () => {
    const r = realm(false);
    for (const name of ['the Function constructor through an array', 'indirect eval', 'the async function constructor']) {
      build(r, inForward(ESCAPES[name]));
    }
    expect(r.fetched).toEqual(['/steal', '/steal', '/steal']);
  });

  it('still runs the engine and the templates: a documented model parses, and a model with a custom layer trains', () => {
    const r = realm(true);
    for (const t of CODE_TEMPLATES) expect(build(r, t.code), t.id).toBeNull();
    const parsed = r.run<{ ok: boolean }>(`runtime.parseModelDocument(JSON.stringify({ format: 'backprop-studio/model', version: 2, name: 'm', seed: 1,
      nodes: [{ id: 'x', type: 'Input', params: { features: 2 }, position: { x: 0, y: 0 } }], edges: [] }))`);
    expect(parsed, JSON.stringify(parsed)).toMatchObject({ ok: true });
    (r.run('globalThis') as Record<string, unknown>).__code = CODE_TEMPLATES.find((t) => !t.sameWidth)!.code;
    const losses = r.run<number[]>(`(() => {
      const { Tensor, createRng, Sequential, Linear, CrossEntropyLoss, MomentumSGD, createCodeLayerFactory } = runtime;
      const rng = createRng(1);
      const model = new Sequential(createCodeLayerFactory()(__code, 2, 8, 1), new Linear(8, 3, { rng }), new CrossEntropyLoss());
      const x = Tensor.randn([16, 2], rng);
      const y = Int32Array.from({ length: 16 }, (_, i) => i % 3);
      const opt = new MomentumSGD(model.params(), { lr: 0.1, momentum: 0.9 });
      const losses = [];
      for (let i = 0; i < 30; i++) { losses.push(model.forward(x, y).item()); opt.zeroGrad(); model.backward(); opt.step(); }
      return losses;
    })()`);
    expect(losses[29]).toBeLessThan(losses[0]);
  });
});

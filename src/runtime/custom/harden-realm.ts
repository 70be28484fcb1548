/**
 * The realm-wide half of the engine worker's lockdown (the scope's half is `lockdown.ts`).
 *
 * Custom layer code is compiled as one strict function whose parameters shadow the
 * globals; that hides names, not the global object, which code could still reach in three
 * ways: by compiling sloppy code (`(() => {}).constructor('return this')()`,
 * `[].constructor.constructor(…)`, indirect `eval`, `setTimeout('…')`), by `import()` (syntax,
 * which no parameter shadows; `compileCode` refuses it in the source), and by changing a
 * shared prototype (`Array.prototype.map`, `Function.prototype.apply`, an `Object.prototype`
 * getter) so that the runtime's own code hands it an object that leads further (Comlink calls
 * `method.apply(parent, …)` with the service, which holds the worker's captured fetch).
 *
 * So, once the runtime's modules have taken what they need:
 * - every way to compile a string is closed: the four function constructors (reached through
 *   any function's `constructor`) and the global `Function` and `eval` throw, and timers accept
 *   only functions (compileCode keeps the one Function it needs, taken when it loaded);
 * - the language's shared objects (every standard constructor, its prototype, the iterator
 *   and generator prototypes, Math, JSON, Reflect…) are frozen, as SES's lockdown does, so
 *   code cannot plant anything in the runtime's way (one exemption, see `exempt`). A few inherited properties that ordinary
 *   code assigns on its own objects (`err.name = …`, `obj.toString = …`) become accessors that
 *   define the property on the object assigned to, so freezing does not break that code (the
 *   "override mistake").
 * What stays reachable then is the tensor API and the language itself.
 */

/** Thrown by everything that would compile a string into code. */
export const NO_CODE_FROM_STRINGS = 'compiling code from a string is not available in the engine worker';

/** Standard globals whose objects are the realm's shared intrinsics (those that exist here are frozen). */
const INTRINSIC_GLOBALS = [
  'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Date', 'RegExp', 'Promise',
  'Proxy', 'Reflect', 'JSON', 'Math', 'Atomics', 'Intl', 'Iterator',
  'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURI', 'decodeURI', 'encodeURIComponent', 'decodeURIComponent',
] as const;

const ERRORS = ['Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];

type Bag = Record<PropertyKey, unknown>;

function refuse(): never {
  throw new EvalError(NO_CODE_FROM_STRINGS);
}

/** The realm's intrinsics that have no global name, reached through syntax. */
function hiddenIntrinsics(): unknown[] {
  const proto = Object.getPrototypeOf;
  const generator = proto(function* () {}) as Bag;
  const asyncGenerator = proto(async function* () {}) as Bag;
  return [
    proto(Uint8Array), // %TypedArray%
    proto(async function () {}), // %AsyncFunction.prototype%
    generator, generator.prototype,
    asyncGenerator, asyncGenerator.prototype, proto(asyncGenerator.prototype as object),
    proto([][Symbol.iterator]()), proto(proto([][Symbol.iterator]())),
    proto(new Map().entries()), proto(new Set().values()), proto(''[Symbol.iterator]()), proto(/a/[Symbol.matchAll]('a')),
  ];
}

/** Replaces each function constructor with one that throws, through `constructor` of its prototype and by global name. */
function closeStringCompilation(scope: Bag): void {
  const blocked = function Function() {
    refuse();
  } as unknown as Bag;
  Object.defineProperty(blocked, 'prototype', { value: Function.prototype, writable: false });
  const prototypes = [Function.prototype, Object.getPrototypeOf(async function () {}), Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function* () {})];
  for (const p of prototypes) Object.defineProperty(p, 'constructor', { value: blocked, writable: false, configurable: false, enumerable: false });
  for (const name of ['Function', 'eval']) Object.defineProperty(scope, name, { value: blocked, writable: false, configurable: false, enumerable: false });
}

/** setTimeout('code') compiles its string in the global scope: timers keep working for functions only. */
function functionOnlyTimers(scope: Bag): void {
  for (const name of ['setTimeout', 'setInterval']) {
    const original = scope[name];
    if (typeof original !== 'function') continue;
    const timer = (handler: unknown, ...rest: unknown[]) => {
      if (typeof handler !== 'function') refuse();
      return (original as (...a: unknown[]) => unknown).call(scope, handler, ...rest);
    };
    for (let o: object | null = scope; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      if (o === scope || Object.hasOwn(o, name)) Object.defineProperty(o, name, { value: timer, writable: false, configurable: false, enumerable: false });
    }
  }
}

/** Turns an inherited data property into an accessor whose setter defines it on the object assigned to (see above). */
function overridable(o: object, name: PropertyKey): void {
  const d = Object.getOwnPropertyDescriptor(o, name);
  if (!d || !('value' in d) || !d.configurable) return;
  const value = d.value as unknown;
  Object.defineProperty(o, name, {
    get: function () {
      return value;
    },
    set: function (this: object, v: unknown) {
      if (this === o) throw new TypeError(`Cannot assign to '${String(name)}' of a frozen built-in prototype`);
      Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
    },
    enumerable: d.enumerable,
    configurable: false,
  });
}

function enableOverrides(scope: Bag): void {
  for (const name of Reflect.ownKeys(Object.prototype)) if (name !== '__proto__') overridable(Object.prototype, name);
  for (const e of ERRORS) {
    const proto = (scope[e] as { prototype?: object } | undefined)?.prototype;
    if (proto) for (const name of ['name', 'message', 'toString']) overridable(proto, name);
  }
  overridable(Function.prototype, 'toString');
}

const TYPED_ARRAY = Object.getPrototypeOf(Uint8Array) as unknown;

/**
 * The properties that stay writable: `constructor` of the typed-array prototypes. V8 keeps a
 * fast path for typed arrays (allocation, `subarray`, `slice`) only while these properties are
 * untouched; redefining them, even to the same value, made every tensor allocation 3× slower
 * and training 2× slower. What code gains by replacing one is a say in the typed arrays that
 * `subarray`, `slice` and `map` return, whose constructor receives an ArrayBuffer and numbers:
 * data, never an object of the runtime's.
 */
function exempt(o: object, key: PropertyKey): boolean {
  if (key !== 'constructor') return false;
  const ctor = (o as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.prototype === o && (ctor === TYPED_ARRAY || Object.getPrototypeOf(ctor) === TYPED_ARRAY);
}

/**
 * `Object.freeze`, property by property, then no new properties. V8 takes
 * `Object.freeze(Object.prototype)` as a change of the prototype's elements, which turns off
 * the fast paths of every array operation (training ran 7× slower); defining each property
 * and then preventing extensions gives the same object without that.
 */
function freeze(o: object): void {
  for (const key of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key)!;
    if (exempt(o, key) || (!d.configurable && (!('value' in d) || !d.writable))) continue;
    Object.defineProperty(o, key, 'value' in d ? { writable: false, configurable: false } : { configurable: false });
  }
  Object.preventExtensions(o);
}

/** Freezes everything reachable from the roots through properties, accessors and prototypes. */
export function harden(roots: readonly unknown[]): void {
  const seen = new Set<unknown>();
  const todo = [...roots];
  while (todo.length) {
    const o = todo.pop();
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) continue;
    seen.add(o);
    freeze(o);
    todo.push(Object.getPrototypeOf(o));
    for (const key of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key)!;
      todo.push(d.value, d.get, d.set);
    }
  }
}

/**
 * Locks the realm of `scope` down (see above). Only for the global object of the realm this
 * module runs in (the worker's, or a test's separate context); anything else is left alone.
 */
export function hardenRealm(scope: object): boolean {
  const s = scope as Bag;
  if (s.Function !== Function || s.Object !== Object) return false;
  closeStringCompilation(s);
  functionOnlyTimers(s);
  freezeIntrinsics(s);
  return true;
}

/** Freezes the realm's shared intrinsics, so that no code can plant anything in the runtime's way. */
export function freezeIntrinsics(scope: object): void {
  const s = scope as Bag;
  enableOverrides(s);
  harden([...INTRINSIC_GLOBALS.map((name) => s[name]), ...hiddenIntrinsics(), refuse]);
}

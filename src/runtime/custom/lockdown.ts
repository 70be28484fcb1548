import { CodeLayerBase } from './compile-code';
import { CodeTensor } from './code-tensor';
import { hardenRealm } from './harden-realm';

/**
 * What the engine worker's global scope loses before any custom layer's code can run:
 * every way out to the network, storage, other contexts and the page. Code shadowing in
 * `compileCode` hides these names, but `(() => {}).constructor('return this')()` still
 * reaches the global object, so they are taken off the scope itself and off each prototype
 * that defines them (`WorkerGlobalScope.prototype.fetch.call(self, …)` would work otherwise).
 * The worker keeps its own messaging through the endpoint captured here, which Comlink uses;
 * the scope's `postMessage`, `addEventListener` and `close` then refuse. Reaching the global
 * object at all is what `hardenRealm` closes (no string compiles into sloppy code, and no
 * shared prototype can be changed to intercept the runtime's objects); this keeps the global
 * object harmless should anything still lead to it.
 *
 * Modules that need one of these for their own work (a dataset fetched at start-up) capture
 * it when they load, before the worker entry calls this.
 */
export const REMOVED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'cookieStore',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'Request',
  'Response',
] as const;

/** Taken off the worker's navigator: storage (the origin's private file system), locks shared with other tabs, service workers. */
export const REMOVED_NAVIGATOR = ['storage', 'locks', 'serviceWorker'] as const;

/** Replaced by a function that throws: the worker's own messaging goes through the captured endpoint. */
export const REFUSED_GLOBALS = ['postMessage', 'addEventListener', 'removeEventListener', 'close'] as const;

export interface WorkerEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject): void;
}

/**
 * Prototypes other objects share: EventTarget.prototype holds every MessagePort's
 * addEventListener (Comlink's callbacks use ports), so it is shadowed on the scope, not changed.
 */
function shared(o: object): boolean {
  return o === Object.prototype || (typeof EventTarget === 'function' && o === EventTarget.prototype);
}

function redefine(scope: object, name: string, value: unknown): void {
  // The scope and every prototype above it, up to a shared one, that has its own property of this name.
  for (let o: object | null = scope; o && !shared(o); o = Object.getPrototypeOf(o)) {
    if (o !== scope && !Object.hasOwn(o, name)) continue;
    try {
      Object.defineProperty(o, name, { value, writable: false, configurable: false, enumerable: false });
    } catch {
      // A non-configurable property: make sure it at least no longer holds the original.
      try {
        (o as Record<string, unknown>)[name] = value;
      } catch {
        // left as it is; `isLockedDown` reports it
      }
    }
  }
}

/** Locks the scope down and returns the endpoint the worker's own messaging keeps. */
export function lockDownWorkerScope(scope: object = globalThis): WorkerEndpoint {
  const s = scope as Record<string, unknown>;
  const bind = (name: string) => (typeof s[name] === 'function' ? (s[name] as (...a: unknown[]) => unknown).bind(scope) : () => undefined);
  const endpoint: WorkerEndpoint = {
    postMessage: bind('postMessage') as WorkerEndpoint['postMessage'],
    addEventListener: bind('addEventListener') as WorkerEndpoint['addEventListener'],
    removeEventListener: bind('removeEventListener') as WorkerEndpoint['removeEventListener'],
  };
  for (const name of REMOVED_GLOBALS) redefine(scope, name, undefined);
  for (const name of REFUSED_GLOBALS) {
    redefine(scope, name, () => {
      throw new Error(`${name} is not available in the engine worker's global scope`);
    });
  }
  redefine(scope, 'onmessage', null);
  const nav = s.navigator;
  if (nav && typeof nav === 'object') for (const name of REMOVED_NAVIGATOR) redefine(nav, name, undefined);
  if (hardenRealm(scope)) {
    // The classes every custom layer shares: one layer's code must not change another's.
    for (const o of [CodeLayerBase, CodeLayerBase.prototype, CodeTensor, CodeTensor.prototype]) Object.freeze(o);
  }
  lockedDown = true;
  return endpoint;
}

let lockedDown = false;

/** True once this context's scope was locked down (custom code refuses to run in a worker that was not). */
export function isLockedDown(): boolean {
  return lockedDown;
}

/** True inside a worker (where code must only run once the scope is locked down). */
export function inWorker(): boolean {
  const g = globalThis as { WorkerGlobalScope?: unknown; importScripts?: unknown };
  return typeof g.WorkerGlobalScope === 'function' && globalThis instanceof (g.WorkerGlobalScope as abstract new () => object);
}

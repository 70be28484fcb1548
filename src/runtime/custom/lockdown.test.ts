import { describe, expect, it, vi } from 'vitest';
import { lockDownWorkerScope, REMOVED_GLOBALS } from './lockdown';

/** A stand-in for a worker's global scope: the APIs on a prototype, as WorkerGlobalScope has them. */
function fakeScope() {
  const posted: unknown[] = [];
  const proto: Record<string, unknown> = {
    fetch: vi.fn(),
    XMLHttpRequest: class {},
    WebSocket: class {},
    importScripts: vi.fn(),
    indexedDB: {},
    caches: {},
    BroadcastChannel: class {},
    postMessage(m: unknown) {
      posted.push(m);
    },
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    close: vi.fn(),
    navigator: Object.create({ storage: {}, locks: {}, userAgent: 'test' }),
  };
  const scope = Object.create(proto) as Record<string, unknown>;
  return { scope, proto, posted };
}

describe('lockDownWorkerScope', () => {
  it('takes network and storage off the scope and off its prototypes', () => {
    const { scope, proto } = fakeScope();
    const savedFetch = (scope.fetch as () => void).bind(scope);
    lockDownWorkerScope(scope);
    for (const name of REMOVED_GLOBALS) {
      expect(scope[name], name).toBeUndefined();
      expect(proto[name], name).toBeUndefined();
    }
    expect(() => {
      scope.fetch = () => 'back';
    }).toThrow();
    const nav = scope.navigator as Record<string, unknown>;
    expect([nav.storage, nav.locks, Object.getPrototypeOf(nav).storage, nav.userAgent]).toEqual([undefined, undefined, undefined, 'test']);
    // What a module captured before the lockdown still works.
    expect(() => savedFetch()).not.toThrow();
  });

  it('keeps the worker’s own messaging on the endpoint, and refuses it on the scope', () => {
    const { scope, posted } = fakeScope();
    const endpoint = lockDownWorkerScope(scope);
    endpoint.postMessage('from comlink');
    expect(posted).toEqual(['from comlink']);
    expect(() => (scope.postMessage as (m: unknown) => void)('from code')).toThrow(/not available/);
    expect(() => (Object.getPrototypeOf(scope).postMessage as (m: unknown) => void).call(scope, 'x')).toThrow(/not available/);
    expect(() => (scope.close as () => void)()).toThrow(/not available/);
    expect(posted).toEqual(['from comlink']);
  });
});

describe('lockDownWorkerScope on a real EventTarget', () => {
  it('leaves other event targets (message ports) their addEventListener', () => {
    const scope = new EventTarget();
    lockDownWorkerScope(scope);
    const { port1 } = new MessageChannel();
    expect(() => port1.addEventListener('message', () => undefined)).not.toThrow();
    port1.close();
    expect(() => (scope as unknown as { addEventListener: () => void }).addEventListener()).toThrow(/not available/);
  });
});

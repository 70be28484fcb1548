/**
 * Lets queued messages (pause, stop, other calls) run between training steps. A
 * macrotask, not a microtask: Comlink delivers calls as message events. setImmediate
 * where it exists (Node); a reused MessageChannel elsewhere (workers, where setTimeout
 * is clamped to 4 ms after a few nested calls).
 */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

export function yieldToEvents(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (typeof g.setImmediate === 'function') return new Promise((r) => g.setImmediate!(r));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return new Promise((r) => {
    waiting.push(r);
    channel!.port2.postMessage(null);
  });
}

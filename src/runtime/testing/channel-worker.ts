import * as Comlink from 'comlink';
import type { WorkerLike } from '../client';
import { createWorkerApi } from '../expose';

/**
 * A Worker stand-in for tests: the service behind a MessageChannel in this thread,
 * with a way to make it die as a crashed worker does.
 */
export function channelWorker(): WorkerLike & { crash(message?: string): void; terminated: boolean } {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createWorkerApi(), port2 as unknown as Comlink.Endpoint);
  const events = new EventTarget();
  const worker = {
    terminated: false,
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
    addEventListener: (type: string, l: (e: Event) => void) => (type === 'message' ? port1.addEventListener('message', l) : events.addEventListener(type, l)),
    removeEventListener: (type: string, l: (e: Event) => void) => (type === 'message' ? port1.removeEventListener('message', l) : events.removeEventListener(type, l)),
    terminate: () => {
      worker.terminated = true;
      port1.close();
      port2.close();
    },
    crash: (message = 'Uncaught RangeError: boom') => {
      // The worker stops answering, then reports the error.
      port2.close();
      events.dispatchEvent(Object.assign(new Event('error'), { message }));
    },
  };
  return worker;
}

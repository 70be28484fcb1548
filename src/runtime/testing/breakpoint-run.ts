import type { BreakpointHit } from '../../model';
import type { TrainProgress } from '../protocol';
import type { EngineService } from '../service';

/**
 * Starts training and waits for it to pause at a breakpoint (or to end without one).
 * `done` is the run's end, once it is stopped or resumed to its end.
 */
export async function trainToBreakpoint(s: EngineService): Promise<{ hit: BreakpointHit | null; messages: TrainProgress[]; done: ReturnType<EngineService['train']> }> {
  const messages: TrainProgress[] = [];
  let found: (h: BreakpointHit | null) => void = () => undefined;
  const hit = new Promise<BreakpointHit | null>((r) => (found = r));
  const done = s.train((p) => {
    messages.push(p);
    if (p.breakpoint) found(p.breakpoint);
  });
  void done.then(() => found(null));
  return { hit: await hit, messages, done };
}

/** The next breakpoint after a resume (or null when the run ends first). */
export function nextBreakpoint(messages: TrainProgress[], from: number): BreakpointHit | null {
  for (let i = from; i < messages.length; i++) if (messages[i].breakpoint) return messages[i].breakpoint!;
  return null;
}

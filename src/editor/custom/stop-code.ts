import type { ModelNode } from '../../model';
import { codeTrust, documentCode } from './code-trust';

/**
 * After the engine worker was replaced (custom code overran its time budget, or the worker
 * died, out of memory say, while code ran): the document's code is stopped for this
 * session, so the new worker does not run into it again, and the message says why. Returns
 * the message, or null when the document ran no code (the restart is someone else's to explain).
 */
export function stopCodeAfterRestart(nodes: readonly ModelNode[], reason: string): string | null {
  const codes = documentCode(nodes);
  if (!codes.length || !codeTrust.allTrusted(nodes)) return null;
  codeTrust.stop(codes);
  return `The engine was restarted because ${reason}. Custom layer code is stopped; your model is kept. Fix the code, then choose Run code.`;
}

import { useSyncExternalStore } from 'react';
import type { ModelNode } from '../../model';
import { codeTrust } from '../../editor/custom/code-trust';

/** Whether this code may run, following the user's choices. */
export function useCodeTrusted(code: string): boolean {
  return useSyncExternalStore(
    (l) => codeTrust.subscribe(l),
    () => codeTrust.isTrusted(code),
  );
}

/** Whether every piece of code in these nodes may run. */
export function useDocumentCodeTrusted(nodes: readonly ModelNode[]): boolean {
  return useSyncExternalStore(
    (l) => codeTrust.subscribe(l),
    () => codeTrust.allTrusted(nodes),
  );
}

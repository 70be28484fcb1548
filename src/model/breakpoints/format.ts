import { clipText } from '../quote';
import { formatMagnitude } from './divergence-detector';
import type { LayerStepView } from './types';

export { formatMagnitude };

/** A share as a percentage to one decimal at most ("87.5%", "50%"). */
export function percentText(f: number): string {
  return `${Number((f * 100).toFixed(1))}%`;
}

/** A layer in a message: its id and title, e.g. "fc2 (Linear(32 → 32))". */
export function layerText(l: LayerStepView): string {
  return `${clipText(l.nodeId)} (${l.title})`;
}

/** A count with thousands separators. */
export function countText(n: number): string {
  return n.toLocaleString('en-US');
}

/** A node id in a message, clipped (ids are the user's text). */
export const idText = (id: string): string => clipText(id);

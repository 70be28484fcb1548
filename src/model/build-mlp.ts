import type { ActivationName } from '../engine';
import { defaultParams, LAYER_KINDS, nodeKind, type NodeType } from './kinds';
import type { ModelEdge, ModelNode } from './schema';

export interface MlpSpec {
  inFeatures: number;
  numClasses: number;
  hiddenFeatures: readonly number[];
  activation: ActivationName;
  dropout?: number;
  /** Append a loss (default true). */
  withLoss?: boolean;
  /** Which loss (default the cross-entropy; `MSELoss` for regression, numClasses then being the targets per sample). */
  loss?: 'CrossEntropyLoss' | 'MSELoss';
  /** Where the Input node goes; the chain runs to the right. */
  origin?: { x: number; y: number };
  /** Prefix for node and edge ids, to avoid clashing with existing ones. */
  idPrefix?: string;
}

/** Horizontal distance between a node placed after another (the palette's "continue the chain"). */
export const CHAIN_SPACING = 210;
/** Horizontal and vertical distance between the nodes of a built MLP: room for the run-time figures on nodes and edges. */
export const MLP_COLUMN_SPACING = 250;
export const MLP_ROW_SPACING = 250;
/**
 * The area a built graph is laid out for: the canvas of the app at 1280 × 800 less the room
 * its overlays keep free, in CSS px, and a node's typical size once it shows its figures.
 */
const VIEW = { width: 750, height: 320 };
const NODE = { width: 180, height: 150 };
const WRAP_GAIN = 1.3;

/**
 * Nodes per row for a chain of n nodes: the even split into rows (7 → 4 + 3, 19 → 7 + 7 + 5)
 * that lets the whole graph fit the canvas at the largest zoom, so long chains wrap into a
 * block instead of one line far too long to read; a further row only for 30% more zoom.
 */
export function mlpRowLength(n: number): number {
  if (n <= 1) return 1;
  let best = n;
  let bestZoom = 0;
  for (let rows = 1; rows <= n; rows++) {
    const perRow = Math.ceil(n / rows);
    if (Math.ceil(n / perRow) < rows) continue;
    const w = (perRow - 1) * MLP_COLUMN_SPACING + NODE.width;
    const h = (rows - 1) * MLP_ROW_SPACING + NODE.height;
    const zoom = Math.min(VIEW.width / w, VIEW.height / h);
    // Another row break has to earn its connector: a clearly larger zoom.
    if (zoom > bestZoom * WRAP_GAIN) {
      bestZoom = zoom;
      best = perRow;
    }
  }
  return best;
}

/** The MLP builder's activations: the kinds that name themselves as one of its choices, in the palette's order. */
export const MLP_ACTIVATIONS: readonly { name: ActivationName; type: NodeType; label: string }[] = LAYER_KINDS.flatMap((k) =>
  'mlpActivation' in k && k.mlpActivation ? [{ name: k.mlpActivation, type: k.type, label: k.displayName }] : [],
);

/** The node type of an MLP activation. */
export function activationNodeType(name: ActivationName): NodeType {
  const a = MLP_ACTIVATIONS.find((m) => m.name === name);
  if (!a) throw new Error(`buildMlpGraph: no node kind is the MLP activation '${name}'`);
  return a.type;
}

/**
 * The homework's MLP constructor as a graph: Input → (Linear → activation [→ Dropout])
 * per hidden size → Linear → [Cross-entropy loss], laid out left to right in rows
 * (see mlpRowLength); each row continues from the start of the next one.
 */
export function buildMlpGraph(spec: MlpSpec): { nodes: ModelNode[]; edges: ModelEdge[] } {
  const { inFeatures, numClasses, hiddenFeatures, activation, dropout = 0, withLoss = true, loss = 'CrossEntropyLoss', origin = { x: 0, y: 0 }, idPrefix = '' } = spec;
  const nodes: ModelNode[] = [];
  const chainLength = 1 + hiddenFeatures.length * (dropout > 0 ? 3 : 2) + 1 + (withLoss ? 1 : 0);
  const perRow = mlpRowLength(chainLength);
  const counters = new Map<string, number>();
  const add = (type: NodeType, params: Record<string, number>, short: string) => {
    const k = (counters.get(short) ?? 0) + 1;
    counters.set(short, k);
    const id = `${idPrefix}${short}${type === 'Input' || short === 'loss' ? '' : k}`;
    const merged: Record<string, number> = { ...defaultParams(type), ...params };
    // Parameters in the table's order, so documents read the same way every time.
    const ordered: Record<string, number> = {};
    for (const spec of nodeKind(type).params) if (merged[spec.name] !== undefined) ordered[spec.name] = merged[spec.name];
    const at = nodes.length;
    const position = { x: origin.x + (at % perRow) * MLP_COLUMN_SPACING, y: origin.y + Math.floor(at / perRow) * MLP_ROW_SPACING };
    nodes.push({ id, type, params: ordered, position } as ModelNode);
  };
  add('Input', { features: inFeatures }, 'input');
  let prev = inFeatures;
  for (const h of hiddenFeatures) {
    add('Linear', { in_features: prev, out_features: h }, 'fc');
    add(activationNodeType(activation), {}, activation);
    if (dropout > 0) add('Dropout', { p: dropout }, 'drop');
    prev = h;
  }
  add('Linear', { in_features: prev, out_features: numClasses }, 'fc');
  if (withLoss) add(loss, {}, 'loss');
  const edges: ModelEdge[] = nodes.slice(1).map((n, i) => ({ id: `${idPrefix}e${i + 1}`, source: nodes[i].id, target: n.id }));
  return { nodes, edges };
}

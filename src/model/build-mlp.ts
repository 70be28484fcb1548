import type { ActivationName } from '../engine';
import { defaultParams, NODE_SPECS, type NodeType } from './node-types';
import type { ModelEdge, ModelNode } from './schema';

export interface MlpSpec {
  inFeatures: number;
  numClasses: number;
  hiddenFeatures: readonly number[];
  activation: ActivationName;
  dropout?: number;
  /** Append a cross-entropy loss (default true). */
  withLoss?: boolean;
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
/** A built chain longer than this wraps into rows. */
export const MLP_MAX_ROW = 5;

/**
 * Nodes per row for a chain of n nodes: one row up to MLP_MAX_ROW, else the fewest rows of at
 * most MLP_MAX_ROW, filled evenly (7 → 4 + 3, 18 → 5 + 5 + 5 + 3), so the graph stays closer to
 * the canvas's landscape shape than one long line.
 */
export function mlpRowLength(n: number): number {
  if (n <= MLP_MAX_ROW) return Math.max(1, n);
  return Math.ceil(n / Math.ceil(n / MLP_MAX_ROW));
}

const ACTIVATION_NODE: Record<ActivationName, NodeType> = {
  relu: 'ReLU',
  lrelu: 'LeakyReLU',
  sigmoid: 'Sigmoid',
  tanh: 'TanH',
};

/**
 * The homework's MLP constructor as a graph: Input → (Linear → activation [→ Dropout])
 * per hidden size → Linear → [Cross-entropy loss], laid out left to right in rows
 * (see mlpRowLength); each row continues from the start of the next one.
 */
export function buildMlpGraph(spec: MlpSpec): { nodes: ModelNode[]; edges: ModelEdge[] } {
  const { inFeatures, numClasses, hiddenFeatures, activation, dropout = 0, withLoss = true, origin = { x: 0, y: 0 }, idPrefix = '' } = spec;
  const nodes: ModelNode[] = [];
  const chainLength = 1 + hiddenFeatures.length * (dropout > 0 ? 3 : 2) + 1 + (withLoss ? 1 : 0);
  const perRow = mlpRowLength(chainLength);
  const counters = new Map<string, number>();
  const add = (type: NodeType, params: Record<string, number>, short: string) => {
    const k = (counters.get(short) ?? 0) + 1;
    counters.set(short, k);
    const id = `${idPrefix}${short}${type === 'Input' || type === 'CrossEntropyLoss' ? '' : k}`;
    const merged: Record<string, number> = { ...defaultParams(type), ...params };
    // Parameters in the table's order, so documents read the same way every time.
    const ordered: Record<string, number> = {};
    for (const spec of NODE_SPECS[type].params) if (merged[spec.name] !== undefined) ordered[spec.name] = merged[spec.name];
    const at = nodes.length;
    const position = { x: origin.x + (at % perRow) * MLP_COLUMN_SPACING, y: origin.y + Math.floor(at / perRow) * MLP_ROW_SPACING };
    nodes.push({ id, type, params: ordered, position } as ModelNode);
  };
  add('Input', { features: inFeatures }, 'input');
  let prev = inFeatures;
  for (const h of hiddenFeatures) {
    add('Linear', { in_features: prev, out_features: h }, 'fc');
    add(ACTIVATION_NODE[activation], {}, activation);
    if (dropout > 0) add('Dropout', { p: dropout }, 'drop');
    prev = h;
  }
  add('Linear', { in_features: prev, out_features: numClasses }, 'fc');
  if (withLoss) add('CrossEntropyLoss', {}, 'loss');
  const edges: ModelEdge[] = nodes.slice(1).map((n, i) => ({ id: `${idPrefix}e${i + 1}`, source: nodes[i].id, target: n.id }));
  return { nodes, edges };
}

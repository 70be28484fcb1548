import type { Layer } from '../../engine';
import { crossEntropyKind } from './cross-entropy';
import { customKind } from './custom';
import { dropoutKind } from './dropout';
import { inputKind } from './input';
import type { LayerKind, NodeKind } from './kind';
import { leakyReluKind } from './leaky-relu';
import { linearKind } from './linear';
import { mseKind } from './mse';
import { reluKind } from './relu';
import { sigmoidKind } from './sigmoid';
import { tanhKind } from './tanh';

/**
 * Every kind of node, in the palette's order. The one list the app learns kinds from:
 * a new kind is a module in this folder and a line here.
 */
export const LAYER_KINDS = [linearKind, reluKind, leakyReluKind, sigmoidKind, tanhKind, dropoutKind, customKind, crossEntropyKind, mseKind] as const;
export const NODE_KINDS = [inputKind, ...LAYER_KINDS] as const;

export type NodeType = (typeof NODE_KINDS)[number]['type'];
export type LayerType = (typeof LAYER_KINDS)[number]['type'];
export const NODE_TYPES = NODE_KINDS.map((k) => k.type) as readonly NodeType[];

const BY_TYPE: ReadonlyMap<string, NodeKind> = new Map(NODE_KINDS.map((k) => [k.type, k]));
const LAYERS_BY_TYPE: ReadonlyMap<string, LayerKind> = new Map(LAYER_KINDS.map((k) => [k.type, k as LayerKind]));
const BY_CLASS: ReadonlyMap<unknown, LayerKind> = new Map(LAYER_KINDS.map((k) => [k.layerClass, k as LayerKind]));

export function isNodeType(t: unknown): t is NodeType {
  return typeof t === 'string' && BY_TYPE.has(t);
}

/** The kind of a node type. */
export function nodeKind(type: NodeType): NodeKind {
  return BY_TYPE.get(type)!;
}

/** The layer kind of a node type, or null for the Input. */
export function layerKind(type: NodeType): LayerKind | null {
  return LAYERS_BY_TYPE.get(type) ?? null;
}

/**
 * The kind an engine layer was built by, or null: its exact class (so ReLU is not taken for
 * LeakyReLU), or the nearest registered base class (a Custom layer's runtime class is a CodeLayer).
 */
export function kindOfLayer(layer: Layer): LayerKind | null {
  for (let c: unknown = layer.constructor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const kind = BY_CLASS.get(c);
    if (kind) return kind;
  }
  return null;
}

/** Default parameters of a new node of this type. */
export function defaultParams(type: NodeType): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of nodeKind(type).params) if (p.default !== undefined) out[p.name] = p.default;
  return out;
}

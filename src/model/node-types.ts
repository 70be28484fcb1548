/**
 * The node kinds a graph can hold, in one table: display names, parameters with their
 * defaults and allowed ranges. The schema, the compiler, the palette and the inspector
 * all read it, so a parameter is declared once.
 */

export const NODE_TYPES = ['Input', 'Linear', 'ReLU', 'LeakyReLU', 'Sigmoid', 'TanH', 'Dropout', 'CrossEntropyLoss'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export interface ParamSpec {
  /** snake_case, as PyTorch names it. */
  name: string;
  label: string;
  kind: 'integer' | 'number';
  /** Used when a new node is created; absent means the parameter is optional. */
  default?: number;
  optional?: boolean;
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  help: string;
}

export interface NodeTypeSpec {
  type: NodeType;
  /** The palette's and the node's title. */
  displayName: string;
  category: 'input' | 'layer' | 'activation' | 'regularization' | 'loss';
  params: readonly ParamSpec[];
  description: string;
}

/** Largest layer the app agrees to hold (parameters). */
export const MAX_LAYER_PARAMS = 50_000_000;
/** Largest feature count of any tensor's second dimension. */
export const MAX_FEATURES = 1_000_000;

const size = (name: string, label: string, help: string, def?: number): ParamSpec => ({
  name,
  label,
  kind: 'integer',
  min: 1,
  max: MAX_FEATURES,
  help,
  ...(def === undefined ? { optional: true } : { default: def }),
});

export const NODE_SPECS: Readonly<Record<NodeType, NodeTypeSpec>> = {
  Input: {
    type: 'Input',
    displayName: 'Input',
    category: 'input',
    params: [size('features', 'Features', 'Number of features of each sample.', 2)],
    description: 'The batch of samples, [N, features].',
  },
  Linear: {
    type: 'Linear',
    displayName: 'Linear',
    category: 'layer',
    params: [
      size('in_features', 'In features', 'Features coming in; inferred from the incoming edge when left empty.'),
      size('out_features', 'Out features', 'Features going out.', 16),
      { name: 'wstd', label: 'Init std', kind: 'number', optional: true, min: 0, max: 100, help: 'Standard deviation of the initial weights (default 0.1).' },
    ],
    description: 'Fully connected: Z = X·Wᵀ + b.',
  },
  ReLU: { type: 'ReLU', displayName: 'ReLU', category: 'activation', params: [], description: 'max(0, x).' },
  LeakyReLU: {
    type: 'LeakyReLU',
    displayName: 'LeakyReLU',
    category: 'activation',
    params: [{ name: 'alpha', label: 'Alpha', kind: 'number', default: 0.01, min: 0, max: 1, maxExclusive: true, help: 'Slope for negative inputs, 0 ≤ alpha < 1.' }],
    description: 'max(alpha·x, x).',
  },
  Sigmoid: { type: 'Sigmoid', displayName: 'Sigmoid', category: 'activation', params: [], description: '1 / (1 + e^−x).' },
  TanH: { type: 'TanH', displayName: 'TanH', category: 'activation', params: [], description: 'tanh(x).' },
  Dropout: {
    type: 'Dropout',
    displayName: 'Dropout',
    category: 'regularization',
    params: [{ name: 'p', label: 'Drop probability', kind: 'number', default: 0.5, min: 0, max: 1, maxExclusive: true, help: 'Probability of zeroing a unit while training, 0 ≤ p < 1.' }],
    description: 'Inverted dropout; the identity when evaluating.',
  },
  CrossEntropyLoss: {
    type: 'CrossEntropyLoss',
    displayName: 'Cross-entropy loss',
    category: 'loss',
    params: [],
    description: 'Mean cross-entropy of the class scores against the labels.',
  },
};

export function isNodeType(t: unknown): t is NodeType {
  return typeof t === 'string' && (NODE_TYPES as readonly string[]).includes(t);
}

/** Default parameters of a new node of this type. */
export function defaultParams(type: NodeType): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of NODE_SPECS[type].params) if (p.default !== undefined) out[p.name] = p.default;
  return out;
}

/**
 * Why a parameter value is not acceptable, in words for the user, or null when it is.
 * `undefined` is fine for optional parameters.
 */
export function checkParamValue(spec: ParamSpec, value: unknown): string | null {
  if (value === undefined || value === null) return spec.optional ? null : `${spec.label} is required`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.label} must be a finite number`;
  if (spec.kind === 'integer' && !Number.isInteger(value)) return `${spec.label} must be a whole number, got ${value}`;
  const lo = spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min);
  const hi = spec.max !== undefined && (spec.maxExclusive ? value >= spec.max : value > spec.max);
  if (lo || hi) return `${spec.label} must be ${rangeText(spec)}, got ${value}`;
  return null;
}

export function rangeText(spec: ParamSpec): string {
  const parts: string[] = [];
  if (spec.kind === 'integer' && spec.min === 1) parts.push('a positive whole number');
  else if (spec.min !== undefined) parts.push(`${spec.minExclusive ? '>' : '≥'} ${spec.min}`);
  if (spec.max !== undefined) parts.push(`${spec.maxExclusive ? '<' : '≤'} ${spec.max.toLocaleString('en-US')}`);
  return parts.join(' and ');
}

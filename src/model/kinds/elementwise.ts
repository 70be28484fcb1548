import type { Layer, Tensor } from '../../engine';
import { elementwiseJacobian } from './jacobian-spec';
import type { InferenceKind, NodeParams, Resolved } from './kind';
import { resolveParams } from './params';

type Shared = 'widthParams' | 'weights' | 'infer' | 'jacobian' | 'summary' | 'title';
type Own<T extends string> = Omit<InferenceKind<T>, Shared> & {
  /** The title's parameters, e.g. `α=0.01`. */
  describe?: (r: Resolved) => string;
  /** f′ in words, e.g. "for ReLU, f′(x) = 1 where x > 0, else 0". */
  derivativeText: string;
};

/**
 * The facets shared by layers that act on each element alone (activations, Dropout): the
 * output has the input's shape, there are no weights, and J is diagonal, read off the
 * layer's own backward pass.
 */
export function elementwiseKind<T extends string>(kind: Own<T>): InferenceKind<T> {
  const { describe, derivativeText, ...rest } = kind;
  const resolved = (p: NodeParams) => resolveParams(kind.params, p);
  return {
    ...rest,
    widthParams: {},
    weights: [],
    infer: (features, p) => ({ ok: true, out: features, resolved: resolved(p) }),
    summary: (p) => (describe ? `${kind.displayName} ${describe(resolved(p))}` : kind.displayName),
    title: (r) => (describe ? `${kind.displayName}(${describe(r)})` : kind.displayName),
    jacobian: (layer: Layer, wrt: string) => elementwiseJacobian(layer, lastShape(layer), wrt, derivativeText),
  };
}

function lastShape(layer: Layer): readonly number[] | null {
  const l = layer as { lastInput?: Tensor | null; lastShape?: readonly number[] | null };
  return l.lastInput?.shape ?? l.lastShape ?? null;
}

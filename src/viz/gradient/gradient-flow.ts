/**
 * How the gradient's norm changes on its way back through the network, from the loss to the
 * Input. Vanishing and exploding gradients are defined by that change — the norm shrinking
 * or growing by a steady factor layer after layer, so that it ends orders of magnitude away
 * from where it started — not by any absolute size: a small norm on a nearly trained network
 * is healthy, and so is a large one at the Input of a well-scaled one.
 */
export type GradientHealth = 'vanishing' | 'exploding';

export interface GradientFlow {
  /** log10 of the smallest and largest norm on show: the edges' encoding spans this range. */
  domain: [number, number];
  /** Per edge, where the norm has fallen (or grown) by more than EDGE_FACTOR from the loss's end of a chain that vanishes (or explodes). */
  health: Record<string, GradientHealth>;
  /** The chain's mean change of the norm per layer with weights, from the loss back to the Input (null when it has none). */
  gainPerLayer: number | null;
  /** What the chain shows as a whole. */
  verdict: GradientHealth | null;
}

/** A change per layer with weights beyond this factor (shrinking or growing), sustained… */
export const LAYER_FACTOR = 4;
/** …and adding up to more than this over the chain, is vanishing (or exploding). */
export const CHAIN_FACTOR = 100;
/** Edges whose norm is this far from the loss's end of such a chain are marked. */
export const EDGE_FACTOR = 10;
/** The narrowest range the encoding spreads over (decades), so near-equal norms do not look wildly different. */
const MIN_DECADES = 1;

/**
 * `chain`: the edges along the compiled chain from the Input to the loss, each with whether
 * the layer it feeds has weights; `norms`: ‖∂L/∂(tensor on the edge)‖ per edge.
 */
export function gradientFlow(chain: readonly { edgeId: string; weighted: boolean }[], norms: Readonly<Record<string, number>>): GradientFlow {
  const finite = chain.map((c) => norms[c.edgeId]).filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0);
  let lo = finite.length ? Math.log10(Math.min(...finite)) : -3;
  let hi = finite.length ? Math.log10(Math.max(...finite)) : 0;
  if (hi - lo < MIN_DECADES) {
    const mid = (hi + lo) / 2;
    lo = mid - MIN_DECADES / 2;
    hi = mid + MIN_DECADES / 2;
  }
  const health: Record<string, GradientHealth> = {};
  const known = chain.filter((c) => typeof norms[c.edgeId] === 'number' && Number.isFinite(norms[c.edgeId]) && norms[c.edgeId] > 0);
  if (known.length < 2) return { domain: [lo, hi], health, gainPerLayer: null, verdict: null };
  const first = norms[known[0].edgeId];
  const last = norms[known[known.length - 1].edgeId];
  // Layers with weights between the Input's edge and the loss's (the ones whose Jacobians multiply the gradient).
  const weighted = known.slice(0, -1).filter((c) => c.weighted).length;
  const total = first / last;
  const gainPerLayer = weighted > 0 ? total ** (1 / weighted) : null;
  let verdict: GradientHealth | null = null;
  if (gainPerLayer !== null && weighted >= 2) {
    if (total < 1 / CHAIN_FACTOR && gainPerLayer < 1 / LAYER_FACTOR) verdict = 'vanishing';
    else if (total > CHAIN_FACTOR && gainPerLayer > LAYER_FACTOR) verdict = 'exploding';
  }
  if (verdict) {
    for (const c of known) {
      const r = norms[c.edgeId] / last;
      if (verdict === 'vanishing' ? r <= 1 / EDGE_FACTOR + 1e-12 : r >= EDGE_FACTOR - 1e-12) health[c.edgeId] = verdict;
    }
  }
  return { domain: [lo, hi], health, gainPerLayer, verdict };
}

/** Where a norm sits in the range on show, 0 (smallest) … 1 (largest). */
export function flowPosition(norm: number, domain: readonly [number, number]): number {
  if (!Number.isFinite(norm)) return 1;
  if (norm <= 0) return 0;
  return Math.max(0, Math.min(1, (Math.log10(norm) - domain[0]) / (domain[1] - domain[0])));
}

export interface FlowStyle {
  /** Stroke width, CSS px. */
  width: number;
  /** Stroke colour: the backward pass's orange, fainter for the smaller norms. */
  color: string;
  /** Seconds for the flowing dashes to travel one dash period: the larger the norm, the faster. */
  period: number;
}

export const FLOW_WIDTH: readonly [number, number] = [1.25, 7];

/** The stroke of an edge at position `t` (flowPosition) in the pass's range of norms. */
export function flowStyle(t: number): FlowStyle {
  const u = Math.max(0, Math.min(1, t));
  const alpha = 0.28 + 0.72 * u;
  return {
    width: FLOW_WIDTH[0] + (FLOW_WIDTH[1] - FLOW_WIDTH[0]) * u,
    color: `rgba(224, 96, 38, ${alpha.toFixed(3)})`,
    period: Math.round((2.6 - 2.1 * u) * 100) / 100,
  };
}

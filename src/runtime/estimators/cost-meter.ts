import { Sequential, type Layer, type LayerCall, walkLayers } from '../../engine';

/** Forward-pass equivalents per pass of each kind (see EstimateCost.forwardEquivalents). */
export const COST_WEIGHTS = { forward: 1, jvp: 1, backward: 2 } as const;

export interface PassCounts {
  forwardPasses: number;
  jvpPasses: number;
  backwardPasses: number;
  forwardEquivalents: number;
}

/**
 * Counts what actually runs: while attached, every call a Sequential of the model (nested
 * ones too) makes to a leaf layer's forward, jvp or backward(Params) is counted through the
 * Sequential's observer, and a pass of a kind is L such calls, L being the number of leaf
 * layers. The layers themselves are not touched (wrapping their methods would change their
 * hidden classes and slow every later pass).
 */
export class CostMeter {
  private readonly containers: Sequential[];
  private readonly leafCount: number;
  private readonly counts: Record<LayerCall, number> = { forward: 0, jvp: 0, backward: 0 };
  private attached = false;

  constructor(model: Layer) {
    const all = [...walkLayers(model)];
    this.containers = all.filter((l): l is Sequential => l instanceof Sequential);
    if (this.containers.length === 0) {
      throw new Error(`CostMeter: expected a model built of Sequential containers (a Sequential, an MLP), got ${String(model).split('\n')[0]}`);
    }
    this.leafCount = all.filter((l) => l.children().length === 0).length;
  }

  attach(): void {
    if (this.attached) throw new Error('CostMeter.attach: already attached');
    if (this.containers.some((s) => s.observer)) throw new Error('CostMeter.attach: another observer is attached to this model');
    const counts = this.counts;
    const observe = (layer: Layer, op: LayerCall): void => {
      if (layer.children().length === 0) counts[op]++;
    };
    for (const s of this.containers) s.observer = observe;
    this.attached = true;
  }

  detach(): void {
    for (const s of this.containers) s.observer = null;
    this.attached = false;
  }

  /** The passes counted since construction (or the last reset). */
  passes(): PassCounts {
    const l = Math.max(1, this.leafCount);
    const forwardPasses = this.counts.forward / l;
    const jvpPasses = this.counts.jvp / l;
    const backwardPasses = this.counts.backward / l;
    return {
      forwardPasses,
      jvpPasses,
      backwardPasses,
      forwardEquivalents: COST_WEIGHTS.forward * forwardPasses + COST_WEIGHTS.jvp * jvpPasses + COST_WEIGHTS.backward * backwardPasses,
    };
  }

  reset(): void {
    this.counts.forward = this.counts.jvp = this.counts.backward = 0;
  }
}

import type { Sequential } from '../../engine';
import { buildLayer, type Analysis, type CodeLayerFactory, type ModelDocument, type Plan, type PlanLayer, type StoredWeights } from '../../model';

/** A layer is "the same" across loads when its node, kind, resolved sizes and code (a Custom layer's) are. */
export function layerSignature(pl: PlanLayer): string {
  return `${pl.nodeId}|${pl.type}|${JSON.stringify(pl.resolved)}${pl.code === undefined ? '' : `|${pl.code}`}`;
}

/** The chain's layers one signature per line: equal strings, equal architecture. */
export function architectureOf(plan: Plan): string {
  return plan.layers.map(layerSignature).join('\n');
}

/** The model a load starts from, when its current weights are to be kept. */
export interface PreviousModel {
  model: Sequential;
  plan: Plan;
}

/**
 * Carries trained weights from one load to the next: layers whose signature did not change
 * keep what training gave them; stored document weights only fill in the others.
 */
export class WeightCarry {
  private readonly before = new Map<string, number>();

  constructor(private readonly previous: PreviousModel | null) {
    previous?.plan.layers.forEach((pl, index) => this.before.set(layerSignature(pl), index));
  }

  /**
   * The document with only the stored weights this carry will not replace and whose shapes
   * still fit their layer (a layer that was edited drops its stored weights).
   */
  storedFallback(doc: ModelDocument, analysis: Analysis): ModelDocument {
    if (!doc.weights) return doc;
    const layers = analysis.plan?.layers ?? [];
    const fits = new Set(layers.filter((pl) => !this.before.has(layerSignature(pl))).map((pl) => pl.nodeId));
    const weights: StoredWeights = {};
    for (const [id, w] of Object.entries(doc.weights)) {
      const pl = layers.find((l) => l.nodeId === id);
      if (fits.has(id) && pl && pl.params.every((p) => w[p.name] && w[p.name].shape.join() === p.shape.join())) weights[id] = w;
    }
    return { ...doc, weights };
  }

  /** Copies the unchanged layers' weights into the new model; the ids of the nodes that kept theirs. */
  apply(model: Sequential, plan: Plan): string[] {
    const previous = this.previous;
    if (!previous) return [];
    const kept: string[] = [];
    plan.layers.forEach((pl, i) => {
      const index = this.before.get(layerSignature(pl));
      if (index === undefined) return;
      const from = previous.model.layers[index].params();
      if (!from.length) return;
      model.layers[i].params().forEach((p, k) => p.value.data.set(from[k].value.data));
      kept.push(pl.nodeId);
    });
    return kept;
  }
}

/** Draws every layer's weights afresh from the seed (as a new document would) and clears their gradients. */
export function redrawWeights(model: Sequential, plan: Plan, seed: number, codeLayer?: CodeLayerFactory): void {
  plan.layers.forEach((pl, i) => {
    const fresh = buildLayer(pl, seed, codeLayer).params();
    model.layers[i].params().forEach((p, k) => {
      p.value.data.set(fresh[k].value.data);
      p.grad.data.fill(0);
    });
  });
}

import type { CodeParamsLookup, ParamShape, Plan } from '../../model';

/** Code versions remembered (typing in the code dialog makes many; a document has a few Custom nodes). */
const MAX_ENTRIES = 64;

const key = (code: string, inFeatures: number, outFeatures: number) => `${inFeatures}\u0000${outFeatures}\u0000${code}`;

/**
 * What the engine found each layer of code to declare (its parameters' names and shapes for
 * given widths): the page runs no code, so its analysis of the graph learns these from the
 * engine's loads, and counts a Custom node's parameters as a built-in layer's.
 */
export class CodeParamsMemory {
  private readonly entries = new Map<string, readonly ParamShape[]>();

  readonly lookup: CodeParamsLookup = (code, inFeatures, outFeatures) => this.entries.get(key(code, inFeatures, outFeatures));

  /** Takes in a compiled plan's layers of code; true when that taught anything new. */
  learn(plan: Plan): boolean {
    let changed = false;
    for (const pl of plan.layers) {
      if (pl.code === undefined) continue;
      const k = key(pl.code, pl.resolved.in_features, pl.resolved.out_features);
      const known = this.entries.get(k);
      if (known && JSON.stringify(known) === JSON.stringify(pl.params)) continue;
      this.entries.delete(k);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(k, pl.params.map((p) => ({ name: p.name, shape: [...p.shape] })));
      changed = true;
    }
    return changed;
  }
}

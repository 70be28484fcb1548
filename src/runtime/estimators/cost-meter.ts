import { type Layer, walkLayers } from '../../engine';

/** Forward-pass equivalents per pass of each kind (see EstimateCost.forwardEquivalents). */
export const COST_WEIGHTS = { forward: 1, jvp: 1, backward: 2 } as const;

type Op = 'forward' | 'jvp' | 'backward';

/** The methods counted, and the kind of pass each belongs to. */
const METHODS: readonly [keyof Layer & string, Op][] = [
  ['forward', 'forward'],
  ['jvp', 'jvp'],
  ['backward', 'backward'],
  ['backwardParams', 'backward'],
];

export interface PassCounts {
  forwardPasses: number;
  jvpPasses: number;
  backwardPasses: number;
  forwardEquivalents: number;
}

/**
 * Counts what actually runs: while attached, every call of a leaf layer's forward, jvp,
 * backward or backwardParams is counted (a call made from inside another counted call of
 * the same layer, e.g. the default backwardParams calling backward, counts once), and a
 * pass of a kind is L leaf calls of that kind. The model's classes are not touched: the
 * counting wrappers are own properties of the leaf instances, removed on detach.
 */
export class CostMeter {
  private readonly leaves: Layer[];
  private readonly counts: Record<Op, number> = { forward: 0, jvp: 0, backward: 0 };
  private restore: (() => void)[] = [];

  constructor(model: Layer) {
    this.leaves = [...walkLayers(model)].filter((l) => l.children().length === 0);
  }

  attach(): void {
    if (this.restore.length) throw new Error('CostMeter.attach: already attached');
    for (const leaf of this.leaves) {
      let busy = false;
      const target = leaf as unknown as Record<string, unknown>;
      for (const [name, op] of METHODS) {
        const own = Object.prototype.hasOwnProperty.call(target, name);
        const original = target[name] as (...args: unknown[]) => unknown;
        const counts = this.counts;
        target[name] = function counted(this: unknown, ...args: unknown[]): unknown {
          if (busy) return original.apply(this, args);
          busy = true;
          counts[op]++;
          try {
            return original.apply(this, args);
          } finally {
            busy = false;
          }
        };
        this.restore.push(() => {
          if (own) target[name] = original;
          else delete target[name];
        });
      }
    }
  }

  detach(): void {
    for (const r of this.restore.splice(0)) r();
  }

  /** The passes counted since construction (or the last reset). */
  passes(): PassCounts {
    const l = Math.max(1, this.leaves.length);
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

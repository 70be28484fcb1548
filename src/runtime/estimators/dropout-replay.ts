import { Dropout, type Layer, type Rng, walkLayers } from '../../engine';

/**
 * Makes every evaluation of one estimate draw the same dropout masks: `rewind` puts each
 * Dropout generator of the model (nested ones too) back where the estimate started;
 * `keep` remembers where the first evaluation left them, and `finish` leaves them there,
 * so the estimate consumes exactly one set of masks, as a backprop step does.
 */
export class DropoutReplay {
  private readonly rngs: Rng[];
  private readonly start: number[][];
  private after: number[][] | null = null;

  constructor(model: Layer) {
    const rngs = new Set<Rng>();
    for (const l of walkLayers(model)) if (l instanceof Dropout) rngs.add(l.rng);
    this.rngs = [...rngs];
    this.start = this.rngs.map((r) => r.getState());
  }

  rewind(): void {
    this.rngs.forEach((r, i) => r.setState(this.start[i]));
  }

  /** Called after the first evaluation; later calls change nothing. */
  keep(): void {
    if (!this.after) this.after = this.rngs.map((r) => r.getState());
  }

  finish(): void {
    const s = this.after ?? this.start;
    this.rngs.forEach((r, i) => r.setState(s[i]));
  }
}

/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32).
 * Every initialisation and every dropout mask draws from one of these, so a
 * seed reproduces a run exactly in tests, in the worker and from a saved document.
 */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  /** A second normal deviate left over from the last Box–Muller draw. */
  private spare: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`createRng: expected a finite seed, got ${seed}`);
    let s = Math.trunc(seed) >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal deviate (Box–Muller, both deviates used). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** The generator's full state, to replay a stream of draws (gradient checks do). */
  getState(): number[] {
    return [this.a, this.b, this.c, this.d, this.spare ?? Number.NaN];
  }

  setState(state: readonly number[]): void {
    [this.a, this.b, this.c, this.d] = state;
    this.spare = Number.isNaN(state[4]) ? null : state[4];
  }

  /** An independent generator that continues from this one's current state. */
  clone(): Rng {
    const r = new Rng(0);
    r.setState(this.getState());
    return r;
  }
}

/** Creates a seeded generator. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}

let fallback: Rng | null = null;

/**
 * The generator layers use when none is given; seeded with 0 until `manualSeed` is
 * called (as torch.manual_seed), so scripts are reproducible by default.
 */
export function defaultRng(): Rng {
  if (!fallback) fallback = new Rng(0);
  return fallback;
}

/**
 * Reseeds the default generator in place, so layers already holding it (dropout) draw the
 * new stream too, as after torch.manual_seed.
 */
export function manualSeed(seed: number): void {
  const fresh = new Rng(seed);
  if (fallback) fallback.setState(fresh.getState());
  else fallback = fresh;
}

import { Dropout } from './dropout';
import { type Layer, walkLayers } from './layer';
import { createRng, type Rng } from './rng';
import { Tensor } from './tensor';

export interface GradcheckOptions {
  /**
   * The larger of the two finite-difference steps (default 1e-5); the other is a tenth of
   * it. Each entry counts the step whose central difference is closer to backprop: a
   * ReLU kink within reach of the larger step, or rounding noise at the smaller one, does
   * not make a correct gradient fail, while a wrong gradient is far from both.
   */
  eps?: number;
  /** At most this many entries of each tensor are checked; larger tensors are sampled (default 256). */
  maxEntries?: number;
  /** Seed for the output gradient and the sampled entries (default 42, as the homework's compare). */
  seed?: number;
}

export interface GradcheckEntry {
  /** `input`, or the parameter's name. */
  name: string;
  /** max |analytic − numeric| over the checked entries. */
  maxAbsError: number;
  /**
   * max |analytic − numeric| / max(max |analytic|, max |numeric|) over the checked entries:
   * relative to the gradient's scale, so entries that are zero or tiny (dead units) do
   * not turn round-off into a large relative error.
   */
  maxRelError: number;
  checked: number;
  total: number;
}

export interface GradcheckResult {
  input: GradcheckEntry;
  params: GradcheckEntry[];
  /** The largest relative error of all. */
  maxRelError: number;
}

/**
 * Checks a layer's backward pass against central finite differences in float64, on a
 * float64 copy of the layer (see `eps` for the two step sizes). The scalar checked is Σ out·g for a seeded random g (or the
 * loss itself when the output is a scalar). Random layers (Dropout) replay the same mask
 * at every evaluation. The layer itself is left untouched.
 */
export function gradcheck(layer: Layer, x: Tensor, y?: ArrayLike<number>, options: GradcheckOptions = {}): GradcheckResult {
  const steps = gradcheckSteps(layer, x, y, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How far a gradient check is: entries checked so far of all it will check. */
export interface GradcheckStep {
  done: number;
  total: number;
}

/**
 * gradcheck, one checked entry at a time: yields after each entry (so a caller can report
 * progress, give way to other work, or stop) and returns the result.
 */
export function* gradcheckSteps(layer: Layer, x: Tensor, y?: ArrayLike<number>, options: GradcheckOptions = {}): Generator<GradcheckStep, GradcheckResult> {
  const { eps = 1e-5, maxEntries = 256, seed = 42 } = options;
  const copy = layer.clone('float64');
  const x64 = x.clone('float64');
  const rngs: Rng[] = [];
  for (const l of walkLayers(copy)) if (l instanceof Dropout) rngs.push(l.rng);
  const states = rngs.map((r) => r.getState());
  const run = (): Tensor => {
    rngs.forEach((r, i) => r.setState(states[i]));
    return copy.forward(x64, y);
  };

  const out = run();
  const rng = createRng(seed);
  const g = out.size === 1 && out.shape.length === 0 ? null : Tensor.randn(out.shape, rng, 1, 'float64');
  copy.zeroGrad();
  const dx = copy.backward(g ?? undefined);
  const params = copy.params();
  const analytic = params.map((p) => p.grad.clone());

  const objective = (): number => {
    const o = run().data;
    if (!g) return o[0];
    let s = 0;
    for (let i = 0; i < o.length; i++) s += o[i] * g.data[i];
    return s;
  };

  const targets = [{ name: 'input', target: x64, grad: dx }, ...params.map((p, i) => ({ name: p.name, target: p.value, grad: analytic[i] }))];
  const samples = targets.map((t) => sampleIndices(t.target.size, maxEntries, rng));
  const total = samples.reduce((n, idx) => n + idx.length, 0);
  let done = 0;

  function* check(name: string, target: Tensor, grad: Tensor, idx: number[]): Generator<GradcheckStep, GradcheckEntry> {
    let maxAbs = 0, scale = 0;
    const central = (i: number, h: number): number => {
      const orig = target.data[i];
      target.data[i] = orig + h;
      const fp = objective();
      target.data[i] = orig - h;
      const fm = objective();
      target.data[i] = orig;
      return (fp - fm) / (2 * h);
    };
    for (const i of idx) {
      const a = grad.data[i];
      const coarse = central(i, eps);
      // The smaller step only where the larger one is off by more than a hundredth of the
      // usual 1e-6 threshold: closer than that, it could not change the verdict.
      const agrees = Math.abs(a - coarse) <= 1e-8 * Math.max(Math.abs(a), Math.abs(coarse));
      const fine = agrees ? coarse : central(i, eps / 10);
      const numeric = Math.abs(a - coarse) <= Math.abs(a - fine) ? coarse : fine;
      maxAbs = Math.max(maxAbs, Math.abs(a - numeric));
      scale = Math.max(scale, Math.abs(a), Math.abs(numeric));
      yield { done: ++done, total };
    }
    return { name, maxAbsError: maxAbs, maxRelError: scale === 0 ? 0 : maxAbs / scale, checked: idx.length, total: target.size };
  }

  const results: GradcheckEntry[] = [];
  for (let k = 0; k < targets.length; k++) results.push(yield* check(targets[k].name, targets[k].target, targets[k].grad, samples[k]));
  const [input, ...entries] = results;
  return { input, params: entries, maxRelError: Math.max(input.maxRelError, ...entries.map((e) => e.maxRelError)) };
}

function sampleIndices(size: number, max: number, rng: Rng): number[] {
  if (size <= max) return Array.from({ length: size }, (_, i) => i);
  const picked = new Set<number>();
  while (picked.size < max) picked.add(rng.int(size));
  return [...picked].sort((a, b) => a - b);
}

/** The homework's report: `input    diff=0.000`, `param#01 diff=0.000`, … (max relative error). */
export function formatGradcheck(result: GradcheckResult): string {
  const line = (label: string, e: GradcheckEntry) =>
    `${label.padEnd(8)} diff=${e.maxRelError.toFixed(3)}  (max rel ${e.maxRelError.toExponential(1)}, max abs ${e.maxAbsError.toExponential(1)}, ${e.checked}/${e.total} entries)`;
  return [
    line('input', result.input),
    ...result.params.map((p, i) => line(`param#${String(i + 1).padStart(2, '0')}`, p)),
  ].join('\n');
}

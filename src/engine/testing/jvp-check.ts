/**
 * Test-only: two independent checks of a layer's `jvp`. The dot-product test holds it against
 * the layer's own `backward` (a JVP and a VJP of the same Jacobian J satisfy ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩
 * for every u and v); the finite-difference check holds it against forward alone, in float64.
 */
import { Dropout } from '../dropout';
import { LeakyReLU } from '../activations';
import { type Layer, walkLayers } from '../layer';
import { createRng, type Rng } from '../rng';
import { Tensor, type DType } from '../tensor';

function dot(a: ArrayLike<number>, b: ArrayLike<number>): { value: number; scale: number } {
  let value = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    value += a[i] * b[i];
    scale += Math.abs(a[i] * b[i]);
  }
  return { value, scale };
}

/** |a − b| relative to the sum of the magnitudes of both products' terms (cancellation-proof). */
function relGap(a: { value: number; scale: number }, b: { value: number; scale: number }): number {
  const scale = a.scale + b.scale;
  if (!Number.isFinite(a.value) || !Number.isFinite(b.value)) return Infinity;
  return scale === 0 ? Math.abs(a.value - b.value) : Math.abs(a.value - b.value) / scale;
}

export interface DotProductResult {
  /** ⟨u, J_x·v⟩ against ⟨J_xᵀ·u, v⟩. */
  input: number;
  /** ⟨u, J_θ·dθ⟩ against Σᵢ ⟨gradient of θᵢ, dθᵢ⟩. */
  params: number;
  /** ⟨u, jvp(v, dθ)⟩ against the sum of both right-hand sides. */
  both: number;
  max: number;
}

/**
 * The dot-product test at (x, y), in the dtype of x (the layer's parameters must share it).
 * One forward pass; Dropout's JVP and backward both use the mask it drew.
 */
export function dotProductTest(layer: Layer, x: Tensor, y?: ArrayLike<number>, seed = 7): DotProductResult {
  const dtype: DType = x.dtype;
  const rng = createRng(seed);
  const out = layer.forward(x, y);
  const u = Tensor.randn(out.shape, rng, 1, dtype);
  const v = Tensor.randn(x.shape, rng, 1, dtype);
  const params = layer.params();
  const dps = params.map((p) => Tensor.randn(p.value.shape, rng, 1, dtype));

  const jv = layer.jvp(v);
  const jp = layer.jvp(null, dps);
  const jboth = layer.jvp(v, dps);
  layer.zeroGrad();
  const jtu = layer.backward(u);

  const lhsIn = dot(u.data, jv.data);
  const rhsIn = dot(jtu.data, v.data);
  const lhsP = dot(u.data, jp.data);
  const rhsP = params.reduce((s, p, i) => {
    const d = dot(p.grad.data, dps[i].data);
    return { value: s.value + d.value, scale: s.scale + d.scale };
  }, { value: 0, scale: 0 });
  const lhsBoth = dot(u.data, jboth.data);
  const rhsBoth = { value: rhsIn.value + rhsP.value, scale: rhsIn.scale + rhsP.scale };
  const input = relGap(lhsIn, rhsIn);
  const paramsGap = params.length ? relGap(lhsP, rhsP) : 0;
  const both = relGap(lhsBoth, rhsBoth);
  return { input, params: paramsGap, both, max: Math.max(input, paramsGap, both) };
}

export interface FdJvpResult {
  /** max |jvp − central difference| / max(max |jvp|, max |central difference|). */
  relError: number;
  /** Whether some ReLU-type layer's input changed sign between the two evaluations (a kink crossed: the check means nothing then). */
  kinkCrossed: boolean;
}

/**
 * jvp(v, dθ) against the central difference (f(x + h·v, θ + h·dθ) − f(x − h·v, θ − h·dθ)) / 2h of
 * forward, all in float64 on a float64 copy of the layer; dropout masks are replayed.
 */
export function fdJvpCheck(layer: Layer, x: Tensor, y: ArrayLike<number> | undefined, withInput: boolean, withParams: boolean, seed = 11, h = 1e-6): FdJvpResult {
  const copy = layer.clone('float64');
  const x64 = x.clone('float64');
  const rngs: Rng[] = [];
  for (const l of walkLayers(copy)) if (l instanceof Dropout) rngs.push(l.rng);
  const states = rngs.map((r) => r.getState());
  const relus = [...walkLayers(copy)].filter((l): l is LeakyReLU => l instanceof LeakyReLU);
  const run = (xs: Tensor): Tensor => {
    rngs.forEach((r, i) => r.setState(states[i]));
    return copy.forward(xs, y);
  };
  const signs = (): boolean[][] => relus.map((l) => Array.from((l.lastInput as Tensor).data, (v) => v > 0));

  const rng = createRng(seed);
  const v = withInput ? Tensor.randn(x.shape, rng, 1, 'float64') : null;
  const params = copy.params();
  const dps = withParams ? params.map((p) => Tensor.randn(p.value.shape, rng, 1, 'float64')) : undefined;

  run(x64);
  const analytic = copy.jvp(v, dps);

  const shifted = (sign: 1 | -1): Tensor => {
    const xs = v ? new Tensor(x64.data.map((a, i) => a + sign * h * v.data[i]), x64.shape) : x64;
    const saved = params.map((p) => p.value.data.slice());
    if (dps) params.forEach((p, i) => p.value.data.forEach((a, j) => (p.value.data[j] = a + sign * h * dps[i].data[j])));
    try {
      return run(xs).clone();
    } finally {
      params.forEach((p, i) => p.value.data.set(saved[i]));
    }
  };
  const plus = shifted(1);
  const plusSigns = signs();
  const minus = shifted(-1);
  const minusSigns = signs();
  const kinkCrossed = plusSigns.some((s, i) => s.some((b, j) => b !== minusSigns[i][j]));

  let diff = 0, scale = 0;
  for (let i = 0; i < analytic.size; i++) {
    const numeric = (plus.data[i] - minus.data[i]) / (2 * h);
    diff = Math.max(diff, Math.abs(analytic.data[i] - numeric));
    scale = Math.max(scale, Math.abs(analytic.data[i]), Math.abs(numeric));
    if (Number.isNaN(analytic.data[i]) || Number.isNaN(numeric)) diff = Infinity;
  }
  return { relError: scale === 0 ? diff : diff / scale, kinkCrossed };
}

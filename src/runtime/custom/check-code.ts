import { createRng, formatGradcheck, gradcheck, Tensor, type Layer } from '../../engine';
import { GRADCHECK_THRESHOLD } from '../gradcheck-run';
import { CodeError, compileCode, toCodeError } from './compile-code';
import { CustomLayer } from './custom-layer';
import { jacobianStructureText, numericJacobian, type NumericJacobian } from './numeric-jacobian';

/** Where one checked gradient entry is furthest from the finite difference. */
export interface WorstEntry {
  /** The entry's index per dimension: [n, i] of the input, [i, j] of a weight. */
  index: number[];
  analytic: number;
  numeric: number;
}

export interface DiffLine {
  /** `input`, or `param#01 (w)`. */
  label: string;
  name: string;
  maxRelError: number;
  maxAbsError: number;
  ok: boolean;
  /** The entries furthest off, worst first (only those off by more than the threshold's scale). */
  worst: WorstEntry[];
}

export type CodeReport =
  | { ok: false; error: { message: string; line: number | null; column: number | null } }
  | {
      ok: true;
      name: string;
      /** Every gradient within the threshold. */
      passed: boolean;
      /** The homework's lines: `input    diff=0.000`, `param#01 diff=0.000`, … */
      text: string;
      lines: DiffLine[];
      probe: { batch: number; inFeatures: number; outFeatures: number };
      jacobian: NumericJacobian & { text: string };
      jvp: { provided: boolean; maxRelError: number | null };
      params: { name: string; shape: number[] }[];
    };

const PROBE_BATCH = 4;
/** The Jacobian's structure is shown for a batch of 2 and at most this many entries. */
const MAX_JACOBIAN_ENTRIES = 4096;

/**
 * The homework's check of a layer, for code as it is typed: compile it, build it for
 * `inFeatures → outFeatures`, compare its backward with float64 central differences of its
 * own forward (the engine's gradcheck: the same numbers as for a built-in layer), locate
 * the worst entries, describe its Jacobian numerically, and check its JVP if it has one.
 */
export function checkCode(code: string, inFeatures: number, outFeatures: number, seed = 42): CodeReport {
  try {
    const program = compileCode(code);
    const layer = new CustomLayer(program, code, inFeatures, outFeatures, createRng(seed));
    const x = Tensor.randn([PROBE_BATCH, inFeatures], createRng(seed + 1));
    const result = gradcheck(layer, x, undefined, { seed });
    const worst = worstEntries(layer, x, seed);
    const entries = [result.input, ...result.params];
    const lines: DiffLine[] = entries.map((e, k) => ({
      label: k === 0 ? 'input' : `param#${String(k).padStart(2, '0')} (${e.name})`,
      name: e.name,
      maxRelError: e.maxRelError,
      maxAbsError: e.maxAbsError,
      ok: e.maxRelError <= GRADCHECK_THRESHOLD,
      worst: worst[k] ?? [],
    }));
    const small = Tensor.randn([2, inFeatures], createRng(seed + 2));
    const jac = 2 * inFeatures * 2 * outFeatures <= MAX_JACOBIAN_ENTRIES ? numericJacobian(layer, small) : { pattern: 'too-large' as const, rows: 2 * outFeatures, cols: 2 * inFeatures, values: null };
    return {
      ok: true,
      name: program.name,
      passed: lines.every((l) => l.ok),
      text: formatGradcheck(result),
      lines,
      probe: { batch: PROBE_BATCH, inFeatures, outFeatures },
      jacobian: { ...jac, text: jacobianStructureText(jac, inFeatures, outFeatures) },
      jvp: { provided: program.hasJvp, maxRelError: program.hasJvp ? jvpError(layer, x, seed) : null },
      params: layer.params().map((p) => ({ name: p.name, shape: [...p.value.shape] })),
    };
  } catch (e) {
    const err = e instanceof CodeError ? e : toCodeError(e);
    return { ok: false, error: { message: err.message, line: err.line, column: err.column } };
  }
}

/** Per tensor checked (input, then each parameter), its three entries furthest from central differences. */
function worstEntries(layer: Layer, x: Tensor, seed: number): WorstEntry[][] {
  const copy = layer.clone('float64');
  const x64 = x.clone('float64');
  const out = copy.forward(x64);
  const g = Tensor.randn(out.shape, createRng(seed + 7), 1, 'float64');
  copy.zeroGrad();
  const dx = copy.backward(g);
  const params = copy.params();
  const targets = [{ value: x64, grad: dx }, ...params.map((p) => ({ value: p.value, grad: p.grad.clone() }))];
  const objective = () => {
    const o = copy.forward(x64).data;
    let s = 0;
    for (let i = 0; i < o.length; i++) s += o[i] * g.data[i];
    return s;
  };
  return targets.map(({ value, grad }) => {
    const found: (WorstEntry & { off: number })[] = [];
    let scale = 0;
    const limit = Math.min(value.size, 512);
    for (let i = 0; i < limit; i++) {
      const orig = value.data[i];
      const h = 1e-6 * Math.max(1, Math.abs(orig));
      value.data[i] = orig + h;
      const fp = objective();
      value.data[i] = orig - h;
      const fm = objective();
      value.data[i] = orig;
      const numeric = (fp - fm) / (2 * h);
      const analytic = grad.data[i];
      scale = Math.max(scale, Math.abs(analytic), Math.abs(numeric));
      found.push({ index: unflatten(i, value.shape), analytic, numeric, off: Math.abs(analytic - numeric) });
    }
    return found
      .filter((f) => f.off > 1e-5 * Math.max(scale, 1e-12))
      .sort((a, b) => b.off - a.off)
      .slice(0, 3)
      .map(({ index, analytic, numeric }) => ({ index, analytic, numeric }));
  });
}

function unflatten(i: number, shape: readonly number[]): number[] {
  const idx: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    idx.unshift(i % shape[k]);
    i = Math.floor(i / shape[k]);
  }
  return idx;
}

/** max |jvp − numerical JVP| relative to their scale, for a random tangent of the input and the parameters. */
function jvpError(layer: CustomLayer, x: Tensor, seed: number): number {
  const copy = layer.clone('float64');
  copy.forward(x.clone('float64'));
  const rng = createRng(seed + 11);
  const dx = Tensor.randn(x.shape, rng, 1, 'float64');
  const dp = copy.params().map((p) => Tensor.randn(p.value.shape, rng, 1, 'float64'));
  const given = copy.jvp(dx, dp);
  const reference = new CustomLayer({ ...copy.program, hasJvp: false }, copy.code, copy.inFeatures, copy.outFeatures, createRng(0), 'float64');
  copy.params().forEach((p, k) => reference.params()[k].value.data.set(p.value.data));
  reference.forward(x.clone('float64'));
  const numeric = reference.jvp(dx, dp);
  let off = 0, scale = 0;
  for (let i = 0; i < given.size; i++) {
    off = Math.max(off, Math.abs(given.data[i] - numeric.data[i]));
    scale = Math.max(scale, Math.abs(given.data[i]), Math.abs(numeric.data[i]));
  }
  return scale === 0 ? 0 : off / scale;
}

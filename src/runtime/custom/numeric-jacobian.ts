import { Tensor, type Layer } from '../../engine';

/**
 * The Jacobian dY/dX of a layer on a small batch, by central differences of its forward in
 * float64, and the structure its non-zero entries make: what a learner should see of their
 * layer (an elementwise one is diagonal; a per-sample one is block-diagonal).
 */
export interface NumericJacobian {
  /** `diagonal`: only J[k, k]; `block-diagonal`: samples do not mix; `dense`: they do. */
  pattern: 'diagonal' | 'block-diagonal' | 'dense' | 'too-large';
  /** J's rows (outputs, flattened) and columns (inputs, flattened). */
  rows: number;
  cols: number;
  /** J row-major, when computed. */
  values: number[] | null;
}

/** Entries smaller than this share of J's largest are taken for zeros (finite-difference noise). */
const ZERO = 1e-7;

export function numericJacobian(layer: Layer, x: Tensor): NumericJacobian {
  const copy = layer.clone('float64');
  const x64 = x.clone('float64');
  const rows = copy.forward(x64).size;
  const cols = x64.size;
  const J = new Array<number>(rows * cols).fill(0);
  for (let j = 0; j < cols; j++) {
    const orig = x64.data[j];
    const h = 1e-6 * Math.max(1, Math.abs(orig));
    x64.data[j] = orig + h;
    const plus = copy.forward(x64).data.slice();
    x64.data[j] = orig - h;
    const minus = copy.forward(x64).data;
    x64.data[j] = orig;
    for (let i = 0; i < rows; i++) J[i * cols + j] = (plus[i] - minus[i]) / (2 * h);
  }
  return { pattern: classify(J, rows, cols, x.shape[0]), rows, cols, values: J };
}

function classify(J: number[], rows: number, cols: number, samples: number): NumericJacobian['pattern'] {
  let max = 0;
  for (const v of J) max = Math.max(max, Math.abs(v));
  const zero = (v: number) => Math.abs(v) <= ZERO * Math.max(max, 1e-300);
  let diagonal = rows === cols;
  let blocks = true;
  const rb = rows / samples, cb = cols / samples;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = J[i * cols + j];
      if (zero(v)) continue;
      if (i !== j) diagonal = false;
      if (Math.floor(i / rb) !== Math.floor(j / cb)) blocks = false;
    }
  }
  return diagonal ? 'diagonal' : blocks ? 'block-diagonal' : 'dense';
}

export function jacobianStructureText(j: NumericJacobian, inFeatures: number, outFeatures: number): string {
  const size = `dY/dX for 2 samples is ${j.rows} × ${j.cols}`;
  switch (j.pattern) {
    case 'diagonal':
      return `${size} and diagonal: each output depends only on the input at the same place (an elementwise layer).`;
    case 'block-diagonal':
      return `${size} and block-diagonal: one ${outFeatures} × ${inFeatures} block per sample; samples do not mix.`;
    case 'dense':
      return `${size} and dense: outputs of one sample depend on inputs of another (the batch mixes).`;
    case 'too-large':
      return `${size}: too large to show (more than 4,096 entries).`;
  }
}

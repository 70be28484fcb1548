import type { JacobianStructure } from '../../runtime/jacobian/types';
import { formatBytes, formatCount, formatShapeTuple, nonZeroText } from '../format';

/** The output dimensions and the differentiated tensor's dimensions of J's shape. */
export function splitJacobianShape(j: Pick<JacobianStructure, 'shape' | 'rows' | 'cols'>): { out: number[]; wrt: number[] } {
  for (let s = 1; s < j.shape.length; s++) {
    const out = j.shape.slice(0, s);
    if (product(out) === j.rows && product(j.shape.slice(s)) === j.cols) return { out, wrt: j.shape.slice(s) };
  }
  return { out: [j.rows], wrt: [j.cols] };
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Symbols of J's two sides: Y and X for a Linear w.r.t. its input, ℓ and x for the loss, … */
export function jacobianSymbols(j: Pick<JacobianStructure, 'layer' | 'wrt'>): { out: string; wrt: string } {
  if (j.layer.startsWith('CrossEntropy')) return { out: 'ℓ', wrt: 'x' };
  return { out: 'Y', wrt: j.wrt === 'w' ? 'W' : j.wrt === 'b' ? 'b' : 'X' };
}

function derivativeWords(layer: string): string {
  if (layer === 'ReLU') return 'for ReLU, f′(x) = 1 where x > 0, else 0';
  if (layer.startsWith('LeakyReLU')) return 'for LeakyReLU, f′(x) = 1 where x > 0, else α';
  if (layer === 'Sigmoid') return 'for Sigmoid, f′(x) = σ(x)·(1 − σ(x)) ≤ 1/4';
  if (layer === 'TanH') return 'for TanH, f′(x) = 1 − tanh²(x)';
  if (layer.startsWith('Dropout')) return 'for Dropout, f′ = mask/(1 − p): 0 for a dropped unit';
  return '';
}

/** J's pattern in words, with the formula of its non-zero entries. */
export function patternText(j: Pick<JacobianStructure, 'pattern' | 'layer' | 'wrt'>): string {
  switch (j.pattern) {
    case 'block-diagonal':
      if (j.layer.startsWith('CrossEntropy')) {
        return 'block-diagonal over samples: dℓ[n]/dx[m,c] = softmax(x[n])[c] − [c = y[n]] when n = m, else 0 (one 1 × C block per sample)';
      }
      return 'block-diagonal over samples: dY[n,i]/dX[m,j] = W[i,j] when n = m, else 0';
    case 'diagonal': {
      const words = derivativeWords(j.layer);
      return `diagonal: each output depends only on the input at its own position: dY[n,i]/dX[m,j] = f′(X[n,i]) when (n, i) = (m, j), else 0${words ? `; ${words}` : ''}`;
    }
    case 'row-blocks':
      return "row-blocks: dY[n,i]/dW[k,j] = X[n,j] when i = k, else 0 — X's row on the matching output index";
    case 'stacked-identity':
      return 'stacked identity: dY[n,i]/db[k] = 1 when i = k, else 0 — one identity matrix per sample';
  }
}

/** The facts of a Jacobian, as the view prints them. */
export interface JacobianFacts {
  /** "(64, 512, 64, 1024)" */
  shape: string;
  /** "32,768 × 65,536" */
  matrix: string;
  /** "2,147,483,648 entries" */
  entries: string;
  /** "33,554,432 non-zero" */
  nonZeroCount: string;
  /** "1/64 non-zero" or "4.7% non-zero" */
  nonZeroShare: string;
  /** "8 GiB if materialised (float32) vs 1.0 MiB used" */
  memory: string;
  pattern: string;
}

export function jacobianFacts(j: JacobianStructure): JacobianFacts {
  return {
    shape: formatShapeTuple(j.shape),
    matrix: `${formatCount(j.rows)} × ${formatCount(j.cols)}`,
    entries: `${formatCount(j.entries)} ${j.entries === 1 ? 'entry' : 'entries'}`,
    nonZeroCount: `${formatCount(j.nonZeros)} non-zero`,
    nonZeroShare: nonZeroText(j.nonZeros, j.entries),
    memory: `${formatBytes(j.bytesFloat32)} if materialised (float32) vs ${formatBytes(j.bytesUsed)} used`,
    pattern: patternText(j),
  };
}

/** "32·3" for [32, 3]. */
export function dimsProduct(dims: readonly number[]): string {
  return dims.length ? dims.join('·') : '1';
}

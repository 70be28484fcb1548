import type { JacobianStructure } from '../../runtime';
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

const PATTERN_WORDS: Record<JacobianStructure['pattern'], string> = {
  diagonal: 'diagonal: each output depends only on the input at its own position',
  'block-diagonal': 'block-diagonal over samples',
  'row-blocks': 'row-blocks',
  'stacked-identity': 'stacked identity',
};

/** J's pattern in words, with the formula of its non-zero entries (the layer's kind states it). */
export function patternText(j: Pick<JacobianStructure, 'pattern' | 'formula'>): string {
  return `${PATTERN_WORDS[j.pattern]}: ${j.formula}`;
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

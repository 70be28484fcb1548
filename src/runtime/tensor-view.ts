import type { Tensor } from '../engine';
import type { TensorView } from './protocol';

/**
 * A tensor as a matrix (first dimension × the rest; a vector is one row), downsampled
 * to at most `maxSide` cells per side; each cell keeps its entry of largest magnitude.
 */
export function tensorView(t: Pick<Tensor, 'shape' | 'data'>, maxSide: number): TensorView {
  const rowsAll = t.shape.length >= 2 ? t.shape[0] : 1;
  const colsAll = rowsAll ? t.data.length / rowsAll : 0;
  const rowStep = Math.max(1, Math.ceil(rowsAll / maxSide));
  const colStep = Math.max(1, Math.ceil(colsAll / maxSide));
  const rows = Math.ceil(rowsAll / rowStep);
  const cols = Math.ceil(colsAll / colStep);
  const data = new Float32Array(rows * cols);
  if (rowStep === 1 && colStep === 1) data.set(t.data);
  else {
    const seen = new Uint8Array(rows * cols);
    for (let r = 0; r < rowsAll; r++) {
      const base = r * colsAll;
      const pr = ((r / rowStep) | 0) * cols;
      for (let c = 0; c < colsAll; c++) {
        const v = t.data[base + c];
        const k = pr + ((c / colStep) | 0);
        if (!seen[k] || Math.abs(v) > Math.abs(data[k])) {
          data[k] = v;
          seen[k] = 1;
        }
      }
    }
  }
  return { shape: [...t.shape], rows, cols, rowStep, colStep, data };
}

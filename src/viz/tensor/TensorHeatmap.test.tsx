import { cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { divergingScale } from '../color/scales';
import { quietCanvas, randn, summaryOf } from '../test-utils';
import { tensorMatrix } from './matrix';
import { TensorHeatmap } from './TensorHeatmap';

let restore: () => void;
beforeAll(() => (restore = quietCanvas()));
afterAll(() => restore());
afterEach(cleanup);

describe('tensorMatrix', () => {
  it('lays out [N, F] as N × F, a vector as one row, more dimensions across', () => {
    expect(tensorMatrix(summaryOf(new Float32Array(12), [3, 4]))).toMatchObject({ rows: 3, cols: 4, rowStep: 1 });
    expect(tensorMatrix(summaryOf(new Float32Array(5), [5]))).toMatchObject({ rows: 1, cols: 5 });
    expect(tensorMatrix(summaryOf(new Float32Array(24), [2, 3, 4]))).toMatchObject({ rows: 2, cols: 12 });
    expect(tensorMatrix(summaryOf(new Float32Array(0), [0, 4]))).toBeNull();
  });

  it('uses the downsampled preview when the values are not sent', () => {
    const s = summaryOf(randn(512 * 1024, 0.1, 9), [512, 1024]);
    expect(s.values).toBeUndefined();
    expect(tensorMatrix(s)).toMatchObject({ rows: 64, cols: 64, rowStep: 8, colStep: 16, rowCount: 512, colCount: 1024 });
  });
});

describe('TensorHeatmap', () => {
  it('captions shape, range, mean, std and the share of exact zeros', () => {
    // 32 of 100 values are exactly 0; the others are ±1, ±2, ±3.
    const v = Float32Array.from({ length: 100 }, (_, i) => (i < 32 ? 0 : (1 + (i % 3)) * (i % 2 ? 1 : -1)));
    render(<TensorHeatmap tensor={summaryOf(v, [10, 10])} title="relu1 output" />);
    const fig = screen.getByRole('figure');
    expect(within(fig).getByText('relu1 output')).toBeInTheDocument();
    const caption = fig.querySelector('.bpv-caption:last-child')!;
    expect(caption).toHaveTextContent('[10, 10]');
    expect(caption).toHaveTextContent('min −3');
    expect(caption).toHaveTextContent('max 3');
    expect(caption).toHaveTextContent('32% exact zeros');
    expect(caption.querySelector('.bpv-danger')).toBeNull();
    expect(screen.getByRole('img', { name: /^relu1 output \[10, 10\]: values from −3 to 3$/ })).toBeInTheDocument();
  });

  it('shows the count of non-finite values in red', () => {
    const v = Float32Array.from([1, NaN, -2, Infinity, 0.5, 0]);
    render(<TensorHeatmap tensor={summaryOf(v, [6])} title="dIn" />);
    const bad = screen.getByText('2 non-finite');
    expect(bad).toHaveClass('bpv-danger');
  });

  it('draws a view with the shared scale it is given', () => {
    const data = randn(16 * 32, 1, 4);
    render(<TensorHeatmap tensor={{ shape: [16, 32], rows: 16, cols: 32, rowStep: 1, colStep: 1, data }} scale={divergingScale(5)} name="W" />);
    expect(screen.getByRole('img', { name: /^W \[16, 32\]/ })).toHaveAttribute('data-domain', '-5,5');
    expect(screen.getByRole('figure')).toHaveTextContent('mean');
  });

  it('says a downsampled view’s range is that of the drawn cells only', () => {
    const data = randn(8 * 8, 1, 4);
    render(<TensorHeatmap tensor={{ shape: [64, 64], rows: 8, cols: 8, rowStep: 8, colStep: 8, data }} name="big" />);
    expect(screen.getByRole('figure')).toHaveTextContent('range of the drawn cells');
    expect(screen.getByRole('img', { name: /each the largest-magnitude entry of its block/ })).toBeInTheDocument();
  });
});

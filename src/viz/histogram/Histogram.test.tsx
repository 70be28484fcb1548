import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { summaryOf } from '../test-utils';
import { divergingScale } from '../color/scales';
import { histogramBins } from './bins';
import { Histogram } from './Histogram';

afterEach(cleanup);

describe('histogramBins', () => {
  it('turns counts into value ranges; a constant tensor is one bin', () => {
    expect(histogramBins({ lo: 0, hi: 4, counts: [1, 2, 3, 4] })).toEqual([
      { x0: 0, x1: 1, count: 1 },
      { x0: 1, x1: 2, count: 2 },
      { x0: 2, x1: 3, count: 3 },
      { x0: 3, x1: 4, count: 4 },
    ]);
    expect(histogramBins({ lo: 2, hi: 2, counts: [5, 0, 0] })).toEqual([{ x0: 2, x1: 2, count: 5 }]);
  });
});

describe('Histogram', () => {
  // 100 exact zeros, then 0.01, 0.02, …, 1.
  const values = Float32Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : (i - 99) / 100));
  const s = summaryOf(values, [20, 10]);

  it('names what it shows: count, range, mean, std and zeros', () => {
    render(<Histogram summary={s} label="relu1 output" />);
    expect(screen.getByRole('img', { name: /^relu1 output: histogram of 200 values from 0 to 1, mean 0\.25\d, std 0\.3\d*, 50% exact zeros$/ })).toBeInTheDocument();
    expect(screen.getByText(/exact zeros/)).toHaveTextContent('50% exact zeros');
  });

  it('draws a bar per non-empty bin with mean and std markers; the compact size keeps the zero share', () => {
    const { container } = render(<Histogram summary={s} size="compact" />);
    // One colour: the bars are the subpaths of one path.
    const d = container.querySelector('path.bpv-bars')!.getAttribute('d')!;
    expect(d.match(/M/g)!.length).toBe(s.histogram.counts.filter((c) => c > 0).length);
    expect(container).toHaveTextContent('50% zeros');
  });

  it('colours each bar by its centre value when given a scale', () => {
    const scale = divergingScale(1);
    const { container } = render(<Histogram summary={s} scale={scale} />);
    const bars = [...container.querySelectorAll('rect.bpv-bar')].filter((r) => Number(r.getAttribute('height')) > 0);
    const bins = histogramBins(s.histogram).filter((b) => b.count > 0);
    expect(bars.map((r) => r.getAttribute('fill'))).toEqual(bins.map((b) => scale.color((b.x0 + b.x1) / 2)));
  });

  it('tells a bin’s range and count on hover', () => {
    render(<Histogram summary={s} width={280} />);
    const svg = screen.getByRole('img');
    // Inner width 264 from x = 8; bin 0 is [0, 1/32): the 100 zeros and 0.01, 0.02, 0.03.
    fireEvent.pointerMove(svg, { clientX: 10, clientY: 50 });
    expect(screen.getByRole('tooltip')).toHaveTextContent('0 to 0.0313');
    expect(screen.getByRole('tooltip')).toHaveTextContent('103 values (52%)');
    fireEvent.pointerMove(svg, { clientX: 8 + 264 - 1, clientY: 50 });
    expect(screen.getByRole('tooltip')).toHaveTextContent('0.969 to 1');
  });
});

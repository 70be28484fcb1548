import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ColorLegend } from './ColorLegend';
import { divergingScale, sequentialScale } from './scales';

afterEach(cleanup);

describe('ColorLegend', () => {
  it('labels a diverging bar symmetrically, with 0 in the middle', () => {
    const { container } = render(<ColorLegend scale={divergingScale(0.1)} title="∂L/∂x" width={200} />);
    expect(screen.getByRole('img', { name: '∂L/∂x: colour scale from −0.1 to 0.1' })).toBeInTheDocument();
    const ticks = Array.from(container.querySelectorAll('svg text')).map((t) => t.textContent);
    expect(ticks).toContain('0');
    expect(ticks[0]).toBe('−0.1');
    expect(ticks.at(-1)).toBe('0.1');
    // The bar spans 200 px from x = 0: the tick for 0 sits at its middle.
    const zero = Array.from(container.querySelectorAll('svg g')).find((g) => g.querySelector('text')?.textContent === '0');
    expect(zero?.getAttribute('transform')).toBe('translate(100,0)');
  });

  it('gives a log scale a separate swatch for exact zeros', () => {
    const { container } = render(<ColorLegend scale={sequentialScale({ domain: [1e-4, 1], type: 'log' })} width={180} showNonFinite />);
    expect(screen.getByRole('img', { name: 'colour scale from 10⁻⁴ to 1, exact zeros in the darkest colour' })).toBeInTheDocument();
    expect(container).toHaveTextContent('10⁻³');
    expect(container).toHaveTextContent('NaN');
  });
});

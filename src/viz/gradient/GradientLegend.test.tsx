import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GradientLegend } from './GradientLegend';
import { gradientStyle } from './gradient-style';

afterEach(cleanup);

describe('GradientLegend', () => {
  it('draws reference strokes with the widths and colours of gradientStyle', () => {
    const { container } = render(<GradientLegend norms={[1e-6, 1e-3, 1, 10]} />);
    const lines = Array.from(container.querySelectorAll('line'));
    expect(lines.map((l) => Number(l.getAttribute('stroke-width')))).toEqual([1e-6, 1e-3, 1, 10].map((n) => gradientStyle(n).width));
    expect(lines.map((l) => l.getAttribute('stroke'))).toEqual([1e-6, 1e-3, 1, 10].map((n) => gradientStyle(n).color));
    expect(container).toHaveTextContent('10⁻⁶');
    expect(screen.getByText('vanishing')).toBeInTheDocument();
    expect(screen.getByText('exploding')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^‖gradient‖ on edges: 10⁻⁶ 2 px, 10⁻³ 3.5 px, 1 5 px, 10 5.5 px; thin faint blue is vanishing, thick red is exploding$/ })).toBeInTheDocument();
  });
});

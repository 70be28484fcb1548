import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { linearJacobian, quietCanvas, reluJacobian } from '../test-utils';
import { JacobianThumbnail } from './JacobianThumbnail';
import { JacobianView } from './JacobianView';

let restore: () => void;
beforeAll(() => (restore = quietCanvas()));
afterAll(() => restore());
afterEach(cleanup);

describe('JacobianView', () => {
  const q1 = linearJacobian(64, 1024, 512, 'input');

  it('states Question 1’s facts in words and numbers', () => {
    render(<JacobianView jacobian={q1.j} />);
    const facts = screen.getByRole('list');
    expect(facts).toHaveTextContent('Shape (64, 512, 64, 1024), as a matrix 32,768 × 65,536');
    expect(facts).toHaveTextContent('2,147,483,648 entries, 33,554,432 non-zero: 1/64 non-zero');
    expect(facts).toHaveTextContent(/8 GiB if materialised \(float32\) vs [\d.]+ MiB used/);
    expect(facts).toHaveTextContent('block-diagonal over samples: dY[n,i]/dX[m,j] = W[i,j] when n = m, else 0');
    expect(facts).toHaveTextContent('Drawn as 256 × 256 tiles of about 128 × 256 entries');
    expect(screen.getByRole('img', { name: /^Jacobian ∂Y\/∂X of Linear\(in_features=1024, out_features=512\), shape \(64, 512, 64, 1024\)/ })).toBeInTheDocument();
  });

  it('switches the tile colour between non-zero share and max |value|', () => {
    const onMetricChange = vi.fn();
    render(<JacobianView jacobian={q1.j} onMetricChange={onMetricChange} />);
    const group = screen.getByRole('group', { name: 'Tile colour' });
    const share = within(group).getByRole('button', { name: 'non-zero share' });
    const max = within(group).getByRole('button', { name: 'max |value|' });
    expect(share).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('non-zero share of a tile')).toBeInTheDocument();
    fireEvent.click(max);
    expect(onMetricChange).toHaveBeenCalledWith('maxAbs');
    expect(max).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('largest |entry| of a tile')).toBeInTheDocument();
  });

  it('offers input / W / b only when the parent handles the switch', () => {
    const { rerender } = render(<JacobianView jacobian={q1.j} />);
    expect(screen.queryByRole('group', { name: 'Differentiate with respect to' })).toBeNull();
    const onWrtChange = vi.fn();
    rerender(<JacobianView jacobian={q1.j} onWrtChange={onWrtChange} />);
    const group = screen.getByRole('group', { name: 'Differentiate with respect to' });
    expect(within(group).getByRole('button', { name: '∂Y/∂X' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(within(group).getByRole('button', { name: '∂Y/∂W' }));
    expect(onWrtChange).toHaveBeenCalledWith('w');
  });

  it('labels sample blocks on both axes', () => {
    const { container } = render(<JacobianView jacobian={q1.j} />);
    const labels = Array.from(container.querySelectorAll('.bpv-axis text')).map((t) => t.textContent);
    expect(labels).toContain('Y: sample n');
    expect(labels).toContain('X: sample m');
    expect(labels.filter((t) => t === '60')).toHaveLength(2);
  });

  it('shows the exact entry under the pointer when J is dense', () => {
    // N = 3, Linear(4 → 2): J is 6 × 12, one tile per entry, drawn 360 × 180 px (30 px per entry).
    const { j, layer } = linearJacobian(3, 4, 2, 'input', 7);
    expect(j.dense).toBeDefined();
    render(<JacobianView jacobian={j} />);
    const plot = screen.getByRole('img', { name: /^Jacobian ∂Y\/∂X/ });
    const W = layer.w.data;
    for (const [n, i, m, jj] of [[1, 0, 1, 3], [2, 1, 2, 0], [0, 1, 2, 2]]) {
      fireEvent.pointerMove(plot, { clientX: (m * 4 + jj) * 30 + 15, clientY: (n * 2 + i) * 30 + 15 });
      const tip = screen.getByRole('tooltip');
      expect(tip).toHaveTextContent(`∂Y[${n}, ${i}]/∂X[${m}, ${jj}] =`);
      const shown = Number(tip.textContent!.split('= ')[1].replace('−', '-'));
      // dY[n,i]/dX[m,j] = W[i,j] when n = m, else 0.
      const expected = n === m ? W[i * 4 + jj] : 0;
      expect(shown).toBeCloseTo(expected, 2);
      expect(Math.abs(shown - expected)).toBeLessThanOrEqual(Math.abs(expected) * 0.005 + 1e-12);
    }
  });
});

describe('JacobianThumbnail', () => {
  it('names the layer, pattern and share; clickable when the parent wants it', () => {
    const onClick = vi.fn();
    const { j } = reluJacobian(8, 16);
    render(<JacobianThumbnail jacobian={j} onClick={onClick} />);
    const button = screen.getByRole('button', { name: /^diagonal Jacobian of ReLU with respect to its input, shape \(8, 16, 8, 16\): / });
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalled();
    const canvas = button.querySelector('canvas')!;
    expect(canvas.style.width).toBe('48px');
    // 128 × 128 tiles on 48 device pixels (jsdom's ratio is 1): merged 3 by 3.
    expect(canvas.width).toBe(Math.ceil(128 / 3));
  });

  it('keeps J’s aspect within 4 : 1', () => {
    const { j } = linearJacobian(64, 1024, 512, 'b');
    render(<JacobianThumbnail jacobian={j} size={48} />);
    const canvas = screen.getByRole('img').querySelector('canvas')!;
    expect([canvas.style.width, canvas.style.height]).toEqual(['12px', '48px']);
  });
});

import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseModelDocument } from '../../model';
import { EngineService } from '../../runtime/service';
import spiral from '../../../public/examples/spiral.json';
import { quietCanvas } from '../test-utils';
import { VjpPanel, vjpScale } from './VjpPanel';

let restore: () => void;
beforeAll(() => (restore = quietCanvas()));
afterAll(() => restore());
afterEach(cleanup);

function spiralStep() {
  const parsed = parseModelDocument(JSON.stringify(spiral));
  if (!parsed.ok) throw new Error('spiral example does not parse');
  const s = new EngineService();
  s.load(parsed.doc, { weights: 'document' });
  const report = s.backward();
  return { report, fc3: report.nodes.fc3, j: s.jacobian('fc3'), loss: report.nodes.loss };
}

function maxAbs(...arrays: (Float32Array | undefined)[]): number {
  let m = 0;
  for (const a of arrays) for (const v of a ?? []) m = Math.max(m, Math.abs(v));
  return m;
}

describe('VjpPanel', () => {
  const { fc3, j, loss } = spiralStep();

  it('titles g, J and gᵀJ with their math and shapes', () => {
    render(<VjpPanel backward={fc3} jacobian={j} />);
    expect(screen.getByText('g = ∂L/∂out [32, 3]')).toBeInTheDocument();
    expect(screen.getByText('J = ∂out/∂in (32·3 × 32·32)')).toBeInTheDocument();
    expect(screen.getByText('gᵀJ = ∂L/∂in [32, 32]')).toBeInTheDocument();
    expect(screen.getByText('∂L/∂W [3, 32]')).toBeInTheDocument();
    expect(screen.getByText('∂L/∂b [3]')).toBeInTheDocument();
    expect(screen.getByText('block-diagonal · 1/32 non-zero')).toBeInTheDocument();
  });

  it('draws g, gᵀJ and the parameter gradients on one scale: ± their joint max |value|', () => {
    render(<VjpPanel backward={fc3} jacobian={j} />);
    const [dw, db] = fc3.params.map((p) => p.grad.values);
    const m = maxAbs(fc3.dOut!.values, fc3.dIn.values, dw, db);
    expect(m).toBeGreaterThan(0);
    expect(vjpScale(fc3).domain).toEqual([-m, m]);
    const shared = ['g = dL/d(out) [32, 3]', 'gᵀJ = dL/d(in) [32, 32]', 'dL/dW [3, 32]', 'dL/db [3]'].map((name) =>
      screen.getByRole('img', { name: (n) => n.startsWith(name) }).getAttribute('data-domain'),
    );
    expect(shared).toEqual(Array(4).fill(`${-m},${m}`));
    const jPlot = screen.getByRole('img', { name: (n) => n.startsWith('J = ∂out/∂in') });
    expect(jPlot.getAttribute('data-domain')).toBe('0.0001,1');
    expect(screen.getByRole('img', { name: /^∂L\/∂· shared by g, gᵀJ and the parameter gradients \(√ scale\): colour scale from / })).toBeInTheDocument();
  });

  it('explains g for the loss, whose output gradient is 1/N per sample', () => {
    render(<VjpPanel backward={loss} jacobian={null} />);
    const g = screen.getByText('g = ∂L/∂ℓ').closest('figure');
    expect(screen.getByText('J = ∂ℓ/∂x (32 × 32·3)')).toBeInTheDocument();
    expect(screen.getByText('gᵀJ = ∂L/∂x [32, 3]')).toBeInTheDocument();
    expect(g).toHaveTextContent('g = 1/N = 0.0313 for each of the N = 32 samples');
  });
});

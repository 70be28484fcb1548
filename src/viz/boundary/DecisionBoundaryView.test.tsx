import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetPoints, DecisionBoundary } from '../../runtime/protocol';
import { fakeCanvas } from '../test-utils';
import { DecisionBoundaryView } from './DecisionBoundaryView';
import { boundaryPixels } from './pixels';
import { classColors, classRgb } from '../color/categorical';

afterEach(cleanup);

const bounds = { min: [-1, -1], max: [1, 1] };

/** Class 0 left of x = 0, class 1 right; confidence grows away from the line. */
function boundary(step: number, res = 20): DecisionBoundary {
  const classes = new Uint16Array(res * res);
  const confidence = new Float32Array(res * res);
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      const x = -1 + ((c + 0.5) / res) * 2;
      classes[r * res + c] = x < 0 ? 0 : 1;
      confidence[r * res + c] = 0.5 + 0.5 * Math.min(1, Math.abs(x) * 2);
    }
  }
  return { step, resolution: res, bounds, classes, confidence };
}

const points: DatasetPoints = {
  features: 2,
  classes: 2,
  x: Float32Array.from([-0.5, 0.5, 0.5, -0.5, 0.9, 0.9]),
  y: Int32Array.from([0, 1, 1]),
  isTest: Uint8Array.from([0, 0, 1]),
  bounds,
  classNames: ['setosa', 'virginica'],
};

describe('DecisionBoundaryView', () => {
  it('names the plot and lists the classes, training and test markers', () => {
    const { restore } = fakeCanvas();
    render(<DecisionBoundaryView boundary={boundary(120)} points={points} />);
    expect(screen.getByRole('img', { name: 'Decision boundary at step 120 over x₁ from −1 to 1 and x₂ from −1 to 1, 2 classes, with 2 training and 1 test points.' })).toBeInTheDocument();
    for (const t of ['setosa', 'virginica', 'training', 'test', 'step 120']) expect(screen.getByText(t)).toBeInTheDocument();
    restore();
  });

  it('draws the boundary’s pixels, and again only when a new boundary arrives', () => {
    const { log, restore } = fakeCanvas();
    const b = boundary(10);
    const { rerender } = render(<DecisionBoundaryView boundary={b} points={points} />);
    expect(log.images).toHaveLength(1);
    expect(Array.from(log.images[0].data)).toEqual(Array.from(boundaryPixels(b, classRgb(classColors(2)))));
    expect(log.arcs).toBe(3);
    rerender(<DecisionBoundaryView boundary={b} points={{ ...points }} />);
    expect(log.images).toHaveLength(1);
    rerender(<DecisionBoundaryView boundary={boundary(20)} points={points} />);
    expect(log.images).toHaveLength(2);
    restore();
  });

  it('tells the coordinates, prediction and a nearby point on hover', () => {
    const { restore } = fakeCanvas();
    render(<DecisionBoundaryView boundary={boundary(5)} points={points} size={200} />);
    const plot = screen.getByRole('img', { name: /^Decision boundary/ });
    // (0.5, −0.5) is at pixel (150, 150) of 200 × 200, on the training point of class 1.
    fireEvent.pointerMove(plot, { clientX: 150, clientY: 150 });
    let tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('x₁ 0.5, x₂ −0.5');
    expect(tip).toHaveTextContent('predicted virginica (100%)');
    expect(tip).toHaveTextContent('training point virginica');
    // Near the left edge: class 0, half-hearted, and no point within reach.
    fireEvent.pointerMove(plot, { clientX: 95, clientY: 20 });
    tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('predicted setosa (55%)');
    expect(tip).not.toHaveTextContent('point');
    restore();
  });

  it('shows the points before any boundary, and many classes without a long legend', () => {
    const { restore } = fakeCanvas();
    render(<DecisionBoundaryView boundary={null} points={{ ...points, classes: 40, classNames: undefined }} />);
    expect(screen.getByRole('img', { name: /not computed yet/ })).toBeInTheDocument();
    expect(screen.getByText('40 classes')).toBeInTheDocument();
    restore();
  });
});

import { describe, expect, it } from 'vitest';
import { classColors, classRgb } from '../color/categorical';
import { BOUNDARY_ALPHA, boundaryPixels, confidenceAlpha, pointPositions } from './pixels';

describe('boundaryPixels', () => {
  const colors = classRgb(classColors(3));

  it('paints each cell in its class’s Tableau colour', () => {
    const px = boundaryPixels({ resolution: 2, classes: Uint16Array.from([0, 1, 2, 1]), confidence: Float32Array.from([1, 1, 1, 1]) }, colors);
    expect(Array.from(px.slice(0, 3))).toEqual([0x4e, 0x79, 0xa7]);
    expect(Array.from(px.slice(4, 7))).toEqual([0xf2, 0x8e, 0x2c]);
    expect(Array.from(px.slice(8, 11))).toEqual([0xe1, 0x57, 0x59]);
    expect(px[3]).toBe(Math.round(255 * BOUNDARY_ALPHA[1]));
  });

  it('fades cells as the prediction nears a toss-up between the classes', () => {
    expect(confidenceAlpha(1 / 3, 3)).toBe(Math.round(255 * BOUNDARY_ALPHA[0]));
    expect(confidenceAlpha(1, 3)).toBe(Math.round(255 * BOUNDARY_ALPHA[1]));
    expect(confidenceAlpha(2 / 3, 3)).toBe(Math.round(255 * (BOUNDARY_ALPHA[0] + BOUNDARY_ALPHA[1]) / 2));
    expect(confidenceAlpha(0.5, 2)).toBe(confidenceAlpha(0.1, 2));
    const px = boundaryPixels({ resolution: 1, classes: Uint16Array.from([2]), confidence: Float32Array.from([2 / 3]) }, colors);
    expect(px[3]).toBe(confidenceAlpha(2 / 3, 3));
  });

  it('refuses mismatched sizes and predictions without a colour', () => {
    expect(() => boundaryPixels({ resolution: 2, classes: new Uint16Array(3), confidence: new Float32Array(4) }, colors)).toThrow('needs 4 classes and confidences, got 3 and 4');
    expect(() => boundaryPixels({ resolution: 1, classes: Uint16Array.from([5]), confidence: Float32Array.from([1]) }, colors)).toThrow('predicts class 5, but only 3 class colours were given');
  });
});

describe('pointPositions', () => {
  it('maps data to pixels with y up', () => {
    const p = pointPositions({ features: 2, x: Float32Array.from([-1, -1, 1, 1, 0, 0.5]), bounds: { min: [-1, -1], max: [1, 1] } }, 200, 100);
    expect(Array.from(p.px)).toEqual([0, 200, 100]);
    expect(Array.from(p.py)).toEqual([100, 0, 25]);
  });
});

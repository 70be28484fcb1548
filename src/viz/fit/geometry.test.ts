import { describe, expect, it } from 'vitest';
import { sequentialScale, scaleRgb } from '../color/scales';
import { fitLine, predictionAt, surfacePixels, valueExtent } from './geometry';

describe('fit view geometry', () => {
  it('the value axis spans targets and predictions, a wild prediction clipped at half the data’s span beyond it', () => {
    expect(valueExtent({ targets: Float32Array.of(-1, 1) }, null, 0)).toEqual([-1, 1]);
    expect(valueExtent({ targets: Float32Array.of(-1, 1) }, { prediction: Float32Array.of(0, 1.5) }, 0)).toEqual([-1, 1.5]);
    expect(valueExtent({ targets: Float32Array.of(-1, 1) }, { prediction: Float32Array.of(-50, 80) }, 0)).toEqual([-2, 2]);
    expect(valueExtent(null, null)).toEqual([-1, 1]);
    const [lo, hi] = valueExtent({ targets: Float32Array.of(0, 10) }, null, 0.1);
    expect([lo, hi]).toEqual([-1, 11]);
  });

  it('the line’s inputs and the prediction between them', () => {
    const fit = { bounds: { min: [-1], max: [1] }, resolution: 5, prediction: Float32Array.of(0, 1, 2, 3, 4) };
    expect(Array.from(fitLine(fit))).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(predictionAt(fit, -1)).toBe(0);
    expect(predictionAt(fit, 0.25)).toBeCloseTo(2.5, 12);
    expect(predictionAt(fit, 1)).toBe(4);
    expect(predictionAt(fit, 1.5)).toBeNaN();
  });

  it('a surface cell takes its prediction’s colour; a grid of the wrong size is refused', () => {
    const scale = sequentialScale({ domain: [0, 1] });
    const px = surfacePixels({ resolution: 2, prediction: Float32Array.of(0, 1, 0.5, 2) }, scale);
    expect(Array.from(px.slice(0, 3))).toEqual([...scaleRgb(scale, 0)]);
    expect(Array.from(px.slice(4, 7))).toEqual([...scaleRgb(scale, 1)]);
    // Out of range clamps to the ramp's end.
    expect(Array.from(px.slice(12, 15))).toEqual([...scaleRgb(scale, 1)]);
    expect(px[3]).toBe(255);
    expect(() => surfacePixels({ resolution: 3, prediction: new Float32Array(4) }, scale)).toThrow(/needs 9 predictions, got 4/);
  });
});

import { describe, expect, it } from 'vitest';
import { blobCenter, blobs } from './blobs';
import { circles } from './circles';
import { moons } from './moons';
import { spiral } from './spiral';
import { xor } from './xor';
import type { Dataset } from './types';

const radius = (d: Dataset, i: number): number => Math.hypot(d.x[2 * i], d.x[2 * i + 1]);
const wrap = (a: number): number => Math.atan2(Math.sin(a), Math.cos(a));

function rowsOf(d: Dataset, k: number): number[] {
  return [...d.y.keys()].filter((i) => d.y[i] === k);
}

function meanStd(v: number[]): [number, number] {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return [m, Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length)];
}

describe('spiral', () => {
  it("turns each arm's angle steadily with its radius", () => {
    const d = spiral({ samples: 600, noise: 0, classes: 3 }, 1);
    for (let k = 0; k < 3; k++) {
      const pts = rowsOf(d, k).sort((a, b) => radius(d, a) - radius(d, b));
      let prev = Math.atan2(d.x[2 * pts[0] + 1], d.x[2 * pts[0]]);
      for (const i of pts.slice(1)) {
        // Unwrap: consecutive points are 4/200 rad apart, far below π.
        const a = prev + wrap(Math.atan2(d.x[2 * i + 1], d.x[2 * i]) - prev);
        expect(a).toBeGreaterThan(prev);
        prev = a;
      }
      const first = Math.atan2(d.x[2 * pts[0] + 1], d.x[2 * pts[0]]);
      expect(prev - first).toBeCloseTo(4 * (1 - 1 / 200), 4);
    }
  });

  it('starts the K arms evenly around the circle, radii spanning (0, 1]', () => {
    const K = 5;
    const d = spiral({ samples: 500, noise: 0, classes: K }, 1);
    for (let k = 0; k < K; k++) {
      const pts = rowsOf(d, k);
      const r = pts.map((i) => radius(d, i));
      expect(Math.min(...r)).toBeCloseTo(0.01, 6);
      expect(Math.max(...r)).toBeCloseTo(1, 6);
      // At radius r the angle is 2πk/K + 4r.
      for (const i of pts) {
        const expected = (2 * Math.PI * k) / K + 4 * radius(d, i);
        expect(Math.abs(wrap(Math.atan2(d.x[2 * i + 1], d.x[2 * i]) - expected))).toBeLessThan(1e-5);
      }
    }
  });

  it('adds angle noise with standard deviation `noise` radians and never leaves the unit disc', () => {
    const d = spiral({ samples: 6000, noise: 0.2, classes: 3 }, 9);
    const resid: number[] = [];
    for (let i = 0; i < d.y.length; i++) {
      const r = radius(d, i);
      expect(r).toBeLessThanOrEqual(1 + 1e-6);
      resid.push(wrap(Math.atan2(d.x[2 * i + 1], d.x[2 * i]) - ((2 * Math.PI * d.y[i]) / 3 + 4 * r)));
    }
    const [m, s] = meanStd(resid);
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(s).toBeGreaterThan(0.19);
    expect(s).toBeLessThan(0.21);
    const wild = spiral({ samples: 300, noise: 10, classes: 3 }, 9);
    for (let i = 0; i < 300; i++) expect(radius(wild, i)).toBeLessThanOrEqual(1 + 1e-6);
  });
});

describe('circles', () => {
  it('puts class 0 in the inner disc and class 1 in the outer ring without noise', () => {
    const d = circles({ samples: 2000, noise: 0 }, 4);
    const inner = rowsOf(d, 0).map((i) => radius(d, i));
    const outer = rowsOf(d, 1).map((i) => radius(d, i));
    expect(Math.max(...inner)).toBeLessThanOrEqual(0.5 + 1e-6);
    expect(Math.min(...outer)).toBeGreaterThanOrEqual(0.7 - 1e-6);
    expect(Math.max(...outer)).toBeLessThanOrEqual(1 + 1e-6);
    // Uniform by area: a quarter of the inner disc's area lies within half its radius.
    const frac = inner.filter((r) => r < 0.25).length / inner.length;
    expect(frac).toBeGreaterThan(0.2);
    expect(frac).toBeLessThan(0.3);
  });

  it('blurs the boundary with noise', () => {
    const d = circles({ samples: 2000, noise: 0.3 }, 4);
    const inner = rowsOf(d, 0).map((i) => radius(d, i));
    expect(Math.max(...inner)).toBeGreaterThan(0.7);
  });
});

describe('xor', () => {
  it('labels by the sign of x·y, keeping the margin from the axes without noise', () => {
    const d = xor({ samples: 2000, noise: 0 }, 5);
    const quadrants = [0, 0, 0, 0];
    for (let i = 0; i < d.y.length; i++) {
      const [x, y] = [d.x[2 * i], d.x[2 * i + 1]];
      expect(x * y > 0 ? 0 : 1).toBe(d.y[i]);
      expect(Math.min(Math.abs(x), Math.abs(y))).toBeGreaterThanOrEqual(0.1 - 1e-6);
      quadrants[(x > 0 ? 0 : 1) + (y > 0 ? 0 : 2)]++;
    }
    for (const q of quadrants) expect(Math.abs(q - 500)).toBeLessThan(100);
  });

  it('mislabels some points once noise crosses the axes', () => {
    const d = xor({ samples: 2000, noise: 0.3 }, 5);
    let wrong = 0;
    for (let i = 0; i < d.y.length; i++) if ((d.x[2 * i] * d.x[2 * i + 1] > 0 ? 0 : 1) !== d.y[i]) wrong++;
    expect(wrong).toBeGreaterThan(0);
  });
});

describe('blobs', () => {
  it('places K centres evenly on the circle of radius 0.7', () => {
    for (let k = 0; k < 4; k++) {
      const [x, y] = blobCenter(k, 4);
      expect(Math.hypot(x, y)).toBeCloseTo(0.7, 12);
      expect(Math.atan2(y, x)).toBeCloseTo(wrap((k * Math.PI) / 2), 12);
    }
  });

  it('scatters each class around its centre with standard deviation `noise`', () => {
    const d = blobs({ samples: 12000, noise: 0.1, classes: 4 }, 6);
    for (let k = 0; k < 4; k++) {
      const pts = rowsOf(d, k);
      const [cx, cy] = blobCenter(k, 4);
      const [mx, sx] = meanStd(pts.map((i) => d.x[2 * i]));
      const [my, sy] = meanStd(pts.map((i) => d.x[2 * i + 1]));
      expect(Math.abs(mx - cx)).toBeLessThan(0.01);
      expect(Math.abs(my - cy)).toBeLessThan(0.01);
      expect(Math.abs(sx - 0.1)).toBeLessThan(0.006);
      expect(Math.abs(sy - 0.1)).toBeLessThan(0.006);
    }
  });

  it('puts every point on its centre without noise', () => {
    const d = blobs({ samples: 30, noise: 0, classes: 3 }, 6);
    for (let i = 0; i < 30; i++) {
      const [cx, cy] = blobCenter(d.y[i], 3);
      expect(d.x[2 * i]).toBeCloseTo(cx, 6);
      expect(d.x[2 * i + 1]).toBeCloseTo(cy, 6);
    }
  });
});

describe('moons', () => {
  it('draws class 0 on the upper moon and class 1 on the lower one (scikit-learn, rescaled)', () => {
    const d = moons({ samples: 2000, noise: 0 }, 8);
    for (let i = 0; i < d.y.length; i++) {
      // Undo the rescaling to scikit-learn's coordinates.
      const px = d.x[2 * i] * 1.5 + 0.5;
      const py = d.x[2 * i + 1] * 1.5 + 0.25;
      if (d.y[i] === 0) {
        expect(Math.hypot(px, py)).toBeCloseTo(1, 5);
        expect(py).toBeGreaterThanOrEqual(-1e-6);
      } else {
        expect(Math.hypot(px - 1, py - 0.5)).toBeCloseTo(1, 5);
        expect(py).toBeLessThanOrEqual(0.5 + 1e-6);
      }
    }
    const meanY = (k: number): number => meanStd(rowsOf(d, k).map((i) => d.x[2 * i + 1]))[0];
    expect(meanY(0)).toBeGreaterThan(meanY(1) + 0.3);
  });

  it('adds Gaussian noise of standard deviation `noise` to each coordinate', () => {
    const noisy = moons({ samples: 4000, noise: 0.1 }, 8);
    // Signed distance of the upper moon's points from their circle, in rescaled units.
    const dist: number[] = [];
    for (let i = 0; i < noisy.y.length; i++) {
      if (noisy.y[i] !== 0) continue;
      const px = noisy.x[2 * i] * 1.5 + 0.5;
      const py = noisy.x[2 * i + 1] * 1.5 + 0.25;
      dist.push((Math.hypot(px, py) - 1) / 1.5);
    }
    // The radial component of isotropic noise has the same standard deviation.
    const [, s] = meanStd(dist);
    expect(s).toBeGreaterThan(0.09);
    expect(s).toBeLessThan(0.11);
  });
});

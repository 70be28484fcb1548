import { describe, expect, it } from 'vitest';
import { defaultTraining } from '../../model';
import { parseCsv } from './csv';
import { isRegression } from './dataset';
import { prepareDataset } from './generate';
import { sine } from './sine';
import { splitDataset } from './split';
import { surface, surfaceHeight } from './surface';

describe('regression datasets', () => {
  it('the noisy sine: x in [−π, π], targets sin(x) plus noise of the given spread', () => {
    const d = sine({ samples: 2000, noise: 0.1 }, 7);
    expect(d).toMatchObject({ name: 'sine', features: 1, classes: 0, targetName: 'y' });
    expect(isRegression(d)).toBe(true);
    expect(d.x.length).toBe(2000);
    expect(d.targets!.length).toBe(2000);
    let sq = 0;
    for (let i = 0; i < 2000; i++) {
      expect(Math.abs(d.x[i])).toBeLessThanOrEqual(Math.PI + 1e-6);
      sq += (d.targets![i] - Math.sin(d.x[i])) ** 2;
    }
    // The residual's spread is the noise's (within sampling error of 2000 draws).
    expect(Math.sqrt(sq / 2000)).toBeGreaterThan(0.09);
    expect(Math.sqrt(sq / 2000)).toBeLessThan(0.11);
    const clean = sine({ samples: 50, noise: 0 }, 7);
    for (let i = 0; i < 50; i++) expect(clean.targets![i]).toBeCloseTo(Math.sin(clean.x[i]), 6);
  });

  it('the surface: 2 features in [−2, 2]², targets the surface height, the same for the same seed', () => {
    const d = surface({ samples: 500, noise: 0 }, 3);
    expect(d).toMatchObject({ features: 2, classes: 0 });
    for (let i = 0; i < 500; i++) {
      expect(Math.abs(d.x[2 * i])).toBeLessThanOrEqual(2);
      expect(Math.abs(d.x[2 * i + 1])).toBeLessThanOrEqual(2);
      expect(d.targets![i]).toBeCloseTo(surfaceHeight(d.x[2 * i], d.x[2 * i + 1]), 6);
    }
    expect(surface({ samples: 500, noise: 0.2 }, 3).targets).toEqual(surface({ samples: 500, noise: 0.2 }, 3).targets);
    expect(surface({ samples: 500, noise: 0.2 }, 4).targets).not.toEqual(surface({ samples: 500, noise: 0.2 }, 3).targets);
  });

  it('splits regression data as one group, each row keeping its target', () => {
    const d = sine({ samples: 100, noise: 0.1 }, 1);
    const s = splitDataset(d, 0.2, 9);
    expect(s.train.y.length).toBe(80);
    expect(s.test.y.length).toBe(20);
    s.testIndex.forEach((i, r) => {
      expect(s.test.targets![r]).toBe(d.targets![i]);
      expect(s.test.x[r]).toBe(d.x[i]);
    });
    s.trainIndex.forEach((i, r) => expect(s.train.targets![r]).toBe(d.targets![i]));
    expect(new Set([...s.trainIndex, ...s.testIndex]).size).toBe(100);
  });

  it('builds sine and surface from document settings', () => {
    const t = defaultTraining();
    const r = prepareDataset({ ...t.dataset, kind: 'sine', samples: 300, test_fraction: 0.2 }, 42);
    expect(r.ok && r.data.features === 1 && isRegression(r.data) && r.split.test.y.length === 60).toBe(true);
    const s = prepareDataset({ ...t.dataset, kind: 'surface', samples: 200 }, 42);
    expect(s.ok && s.data.features === 2 && isRegression(s.data)).toBe(true);
  });
});

describe('CSV with a numeric target column', () => {
  const text = 'size,rooms,price\n50,2,"150,5"\n80,3,240.25\n120,4,-3e2\n';

  it("reads the target column as numbers to fit with target: 'number'", () => {
    const r = parseCsv(text.replace('"150,5"', '150.5'), { target: 'number', name: 'houses' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ name: 'houses', features: 2, classes: 0, featureNames: ['size', 'rooms'], targetName: 'price' });
    expect(Array.from(r.data.targets!)).toEqual([150.5, 240.25, -300]);
    expect(Array.from(r.data.x)).toEqual([50, 2, 80, 3, 120, 4]);
  });

  it('names the line and column of a target that is not a number', () => {
    const r = parseCsv('a,b,y\n1,2,3\n4,5,tall\n6,7,\n', { target: 'number', labelColumn: 'y' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { row: 3, column: 'y', message: `Line 3, column "y": the target "tall" is not a number (this column holds the numbers to fit).` },
      { row: 4, column: 'y', message: `Line 4, column "y": the label is empty.` },
    ]);
  });

  it('a classification CSV reads as before, and a fractional label says it may be a number to fit', () => {
    const c = parseCsv('a,b,label\n1,2,0\n3,4,1\n');
    expect(c.ok && c.data.classes === 2 && c.data.targets === undefined).toBe(true);
    const f = parseCsv('a,b,label\n1,2,0.5\n3,4,1\n');
    expect(!f.ok && f.errors[0].message).toMatch(/read it as numbers: regression/);
  });

  it('the document setting target: number reaches the parser', () => {
    const t = defaultTraining();
    const r = prepareDataset({ ...t.dataset, kind: 'csv', csv: { name: 'h.csv', text: 'x,y\n1,0.5\n2,0.25\n3,1.5\n4,2\n5,3\n', target: 'number' } }, 1);
    expect(r.ok && isRegression(r.data) && r.data.targets.length === 5).toBe(true);
  });
});

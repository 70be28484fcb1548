import { describe, expect, it } from 'vitest';
import { DatasetSchema, type DatasetSettings } from '../../model/schema';
import { blobs } from './blobs';
import { circles } from './circles';
import { generateDataset, prepareDataset, splitSeed } from './generate';
import { moons } from './moons';
import { randomBatch } from './random-batch';
import { spiral } from './spiral';
import type { Dataset, DatasetResult } from './types';
import { xor } from './xor';

const settings = (over: Partial<DatasetSettings>): DatasetSettings => DatasetSchema.parse(over);

function ok(r: DatasetResult): Dataset {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

describe('generateDataset', () => {
  it.each([
    ['spiral', spiral],
    ['circles', circles],
    ['xor', xor],
    ['blobs', blobs],
    ['moons', moons],
  ] as const)('builds %s from the settings and the seed', (kind, gen) => {
    const d = ok(generateDataset(settings({ kind, samples: 120, noise: 0.2, classes: 4 }), 9));
    expect(d).toEqual(gen({ samples: 120, noise: 0.2, classes: 4 }, 9));
  });

  it("draws a random batch of the model's input size", () => {
    const d = ok(generateDataset(settings({ kind: 'random', samples: 64, classes: 5 }), 3, { features: 7 }));
    expect(d).toEqual(randomBatch(64, 7, 5, 3));
    const wider = ok(generateDataset(settings({ kind: 'random', samples: 64, classes: 5 }), 3, { features: 7, classes: 10 }));
    expect(wider.classes).toBe(10);
  });

  it('says what a random batch is missing', () => {
    const r = generateDataset(settings({ kind: 'random' }), 3);
    expect(r).toEqual({ ok: false, errors: [{ field: 'features', message: expect.stringMatching(/model's input size/) }] });
    const huge = generateDataset(settings({ kind: 'random', samples: 100_000 }), 3, { features: 1000 });
    expect(huge.ok ? [] : huge.errors.map((e) => e.field)).toEqual(['samples']);
  });

  it('reads the CSV text with the named label column', () => {
    const csv = { name: 'iris.csv', text: 'species,a,b\nsetosa,1,2\nvirginica,3,4\n', label_column: 'species' };
    const d = ok(generateDataset(settings({ kind: 'csv', csv }), 1));
    expect(d.name).toBe('iris.csv');
    expect(d.classNames).toEqual(['setosa', 'virginica']);
    expect([...d.x]).toEqual([1, 2, 3, 4]);
  });

  it('passes CSV errors through, and says when no file is loaded', () => {
    const bad = generateDataset(settings({ kind: 'csv', csv: { name: 'd.csv', text: 'a,y\nq,0\n' } }), 1);
    expect(bad.ok ? [] : bad.errors).toEqual([{ row: 2, column: 'a', message: 'Line 2, column "a": "q" is not a number.' }]);
    expect(generateDataset(settings({ kind: 'csv' }), 1)).toEqual({ ok: false, errors: [{ field: 'csv', message: expect.stringMatching(/no file/) }] });
  });

  it('returns errors for settings outside the schema instead of throwing', () => {
    const r = generateDataset({ ...settings({}), samples: 0, noise: -1 }, 1);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['samples', 'noise']);
    const kind = generateDataset({ ...settings({}), kind: 'mnist' as never }, 1);
    expect(kind.ok ? [] : kind.errors.map((e) => e.field)).toEqual(['kind']);
    expect(generateDataset(null as never, 1).ok).toBe(false);
    expect(generateDataset(settings({}), Number.NaN)).toEqual({ ok: false, errors: [{ field: 'seed', message: expect.stringMatching(/finite/) }] });
  });
});

describe('prepareDataset', () => {
  it("splits by the settings' test fraction with a seed of its own", () => {
    const r = prepareDataset(settings({ kind: 'spiral', samples: 300, classes: 3, test_fraction: 0.2 }), 42);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.split.test.y.length).toBe(60);
    expect(r.split.train.y.length).toBe(240);
    expect(new Set(r.split.test.y).size).toBe(3);
    expect(splitSeed(42)).not.toBe(42);
    const again = prepareDataset(settings({ kind: 'spiral', samples: 300, classes: 3, test_fraction: 0.2 }), 42);
    expect(again.ok && again.split.testIndex).toEqual(r.split.testIndex);
  });

  it('fills in settings left out, as a document without them would', () => {
    const r = prepareDataset({ kind: 'xor', samples: 100 } as DatasetSettings, 1);
    expect(r.ok && [r.split.train.y.length, r.split.test.y.length]).toEqual([80, 20]);
  });

  it('keeps every sample for training when the test fraction is 0', () => {
    const r = prepareDataset(settings({ kind: 'moons', samples: 50, test_fraction: 0 }), 1);
    expect(r.ok && [r.split.train.y.length, r.split.test.y.length]).toEqual([50, 0]);
  });
});
